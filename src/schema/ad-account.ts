/** `AdAccount` and the `adAccount` / `adAccounts` queries. */
import type { GraphQLResolveInfo } from 'graphql';
import { FEATURES } from '../capabilities/index.js';
import type { Session } from '../context.js';
import { toClientError, userInputError } from '../errors.js';
import { accountCapabilities, type AccountNode } from '../loaders/account-capabilities.js';
import { parseAccountId } from '../upstream/account-id.js';
import type { AccountId } from '../upstream/types.js';
import { AccountAccessRef } from './account-access.js';
import { builder } from './builder.js';
import { CapabilityRef, FactSourceEnum, FeatureEnum } from './capability.js';
import { PromotableUserRef, type KnownPromotableUser } from './promotable-user.js';
import { readFact } from './read-fact.js';
import { selectedFieldNames } from './selection.js';

/** The most ids one `adAccounts` query may ask for. */
export const MAX_ACCOUNT_IDS = 1000;
/** The longest `capabilities(features:)` list; each answer is built per entry, repeats included. */
export const MAX_FEATURES_ASKED = 50;

export const AdAccountRef = builder.objectRef<AccountNode>('AdAccount');

AdAccountRef.implement({
  description: 'An X ads account the signed-in user can reach.',
  fields: (t) => ({
    id: t.id({
      description: 'The account id, e.g. "18ce54d4x5t".',
      resolve: (node) => node.record.id,
    }),
    name: t.string({
      description: 'The account name shown in X Ads.',
      resolve: (node) => node.record.name,
    }),
    businessName: t.string({
      nullable: true,
      description: 'The business the account belongs to, when X reports one.',
      resolve: (node) => node.record.businessName,
    }),
    timezone: t.string({
      nullable: true,
      description: 'IANA time zone, e.g. "America/Los_Angeles".',
      resolve: (node) => node.record.timezone,
    }),
    approvalStatus: t.string({
      nullable: true,
      description:
        "X's approval status, e.g. ACCEPTED. Features that change the account need ACCEPTED.",
      resolve: (node) => node.record.approvalStatus,
    }),
    deleted: t.boolean({
      description: 'Whether the account is deleted (features that change it are then denied).',
      resolve: (node) => node.record.deleted,
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the account was created.',
      resolve: (node) => node.record.createdAt,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the account was last changed.',
      resolve: (node) => node.record.updatedAt,
    }),
    source: t.field({
      type: FactSourceEnum,
      description: 'LIVE when the account was read from X for this request, CACHED when reused.',
      resolve: (node) => node.source,
    }),
    stale: t.boolean({
      description:
        'true when the account is past its cache lifetime and X could not be asked again.',
      resolve: (node) => node.stale,
    }),
    checkedAt: t.field({
      type: 'DateTime',
      description: 'When the account was read from X.',
      resolve: (node) => node.checkedAt,
    }),
    access: t.field({
      type: AccountAccessRef,
      nullable: true,
      description:
        "The signed-in user's permissions here; null (with an error) when X could not be asked.",
      resolve: async (node, _args, context) => {
        const session = context.session();
        const fact = await readFact(session, session.loaders.access.load(node.record.id));
        return {
          accountId: node.record.id,
          access: fact.value,
          source: fact.source,
          checkedAt: fact.checkedAt,
        };
      },
    }),
    promotableUsers: t.field({
      type: [PromotableUserRef],
      nullable: true,
      description: 'Users whose posts the account can promote; the FULL one owns the account.',
      resolve: async (node, _args, context) => {
        const session = context.session();
        const fact = await readFact(session, session.loaders.promotableUsers.load(node.record.id));
        return fact.value.filter((user): user is KnownPromotableUser => user.type !== null);
      },
    }),
    features: t.stringList({
      nullable: true,
      description: "The account's beta feature keys, e.g. CONVERSATION_CARD.",
      resolve: async (node, _args, context) => {
        const session = context.session();
        const fact = await readFact(session, session.loaders.features.load(node.record.id));
        return [...fact.value];
      },
    }),
    capability: t.field({
      type: CapabilityRef,
      description:
        'Whether the signed-in user may use one feature here. Never fails: UNKNOWN when X could not be asked.',
      args: {
        feature: t.arg({ type: FeatureEnum, required: true, description: 'The feature to check.' }),
      },
      resolve: async (node, args, context) => {
        const [answer] = await accountCapabilities(context.session().capabilityEnv, node, [
          args.feature,
        ]);
        if (!answer) throw new Error('accountCapabilities returned no answer');
        return answer;
      },
    }),
    capabilities: t.field({
      type: [CapabilityRef],
      description:
        'Several features at once (every feature when `features` is omitted), in the order asked.',
      args: {
        features: t.arg({
          type: [FeatureEnum],
          required: false,
          description: 'The features to check; every feature when omitted.',
        }),
      },
      resolve: (node, args, context) => {
        if (args.features && args.features.length > MAX_FEATURES_ASKED) {
          throw userInputError(
            `capabilities takes at most ${MAX_FEATURES_ASKED} features, got ${args.features.length}.`,
            'features',
          );
        }
        return accountCapabilities(
          context.session().capabilityEnv,
          node,
          args.features ?? FEATURES,
        );
      },
    }),
  }),
});

builder.queryFields((t) => ({
  adAccount: t.field({
    type: AdAccountRef,
    nullable: true,
    description: 'One ad account by id; null when the signed-in user cannot reach it.',
    args: {
      id: t.arg.id({ required: true, description: 'The ad account id, e.g. "18ce54d4x5t".' }),
    },
    resolve: async (_root, args, context, info) => {
      const session = context.session();
      const [node] = await loadAccounts(session, [accountIdArg(args.id, 'id')], info);
      if (node instanceof Error) throw node;
      return node ?? null;
    },
  }),
  adAccounts: t.field({
    type: [AdAccountRef],
    nullable: { list: false, items: true },
    description: `Ad accounts by id, in the order given (at most ${MAX_ACCOUNT_IDS}); null for each id the user cannot reach. Accounts and permissions are read from X together.`,
    args: {
      ids: t.arg.idList({
        required: true,
        description: 'Ad account ids; a repeated id is answered at each place.',
      }),
    },
    resolve: (_root, args, context, info) => {
      if (args.ids.length > MAX_ACCOUNT_IDS) {
        throw userInputError(
          `adAccounts takes at most ${MAX_ACCOUNT_IDS} ids, got ${args.ids.length}.`,
          'ids',
        );
      }
      const ids = args.ids.map((id) => accountIdArg(id, 'ids'));
      // graphql-js turns an Error in a list slot into that item's field error (the item is null).
      return loadAccounts(context.session(), ids, info) as Promise<Array<AccountNode | null>>;
    },
  }),
}));

export function accountIdArg(raw: string, argument: string): AccountId {
  const id = parseAccountId(raw);
  if (id) return id;
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  throw userInputError(
    `Invalid ad account id ${JSON.stringify(shown)}: expected 1 to 32 lower-case letters and digits, like "18ce54d4x5t".`,
    argument,
  );
}

/**
 * Reads the accounts and, in the same tick, whatever their selected fields will read next, so the
 * permission reads do not wait for the account reads.
 */
async function loadAccounts(
  session: Session,
  ids: readonly AccountId[],
  info: GraphQLResolveInfo,
): Promise<Array<AccountNode | Error | null>> {
  prefetch(session, ids, selectedFieldNames(info));
  const facts = await session.loaders.account.loadMany(ids);
  return facts.map((fact) => {
    if (fact instanceof Error) {
      session.capabilityEnv.onUpstreamError(fact);
      return toClientError(fact) ?? fact;
    }
    const { value, source, checkedAt, stale } = fact;
    return value ? { record: value, source, checkedAt, stale } : null;
  });
}

/** Starts the reads the selection will need; failures surface later, where they are awaited. */
export function prefetch(session: Session, ids: readonly AccountId[], selected: Set<string>): void {
  const { loaders } = session;
  const wants = (...names: string[]) => names.some((name) => selected.has(name));
  const ignore = (load: Promise<unknown>) => void load.catch(() => undefined);
  if (wants('access', 'capability', 'capabilities')) ignore(loaders.access.loadMany(ids));
  if (wants('features')) ignore(loaders.features.loadMany(ids));
  if (wants('promotableUsers', 'tokenKind')) ignore(loaders.promotableUsers.loadMany(ids));
}
