/** The `refreshAccess` mutation: "I just changed roles, check again". */
import { builder } from './builder.js';
import { accountIdArg, MAX_ACCOUNT_IDS } from './ad-account.js';
import { userInputError } from '../errors.js';

interface RefreshResult {
  readonly forgotten: number;
  readonly accountIds: readonly string[] | null;
}

const RefreshAccessResultRef = builder.objectRef<RefreshResult>('RefreshAccessResult').implement({
  description: 'What `refreshAccess` forgot; the next query reads those facts from X again.',
  fields: (t) => ({
    forgottenFacts: t.int({
      description: 'How many cached facts were dropped (0 when nothing was cached).',
      resolve: (result) => result.forgotten,
    }),
    accountIds: t.idList({
      nullable: true,
      description: 'The accounts refreshed, or null when every account was.',
      resolve: (result) => (result.accountIds ? [...result.accountIds] : null),
    }),
  }),
});

builder.mutationType({ description: 'Changes to what the service remembers.' });

builder.mutationFields((t) => ({
  refreshAccess: t.field({
    type: RefreshAccessResultRef,
    description:
      "Drops the signed-in user's cached facts (accounts, permissions, promotable users, features) for these accounts, or for all when `accountIds` is omitted, so the next query asks X again. Costs no upstream call itself.",
    args: {
      accountIds: t.arg.idList({
        required: false,
        description: `The accounts to refresh (at most ${MAX_ACCOUNT_IDS}); all when omitted.`,
      }),
    },
    resolve: (_root, args, context) => {
      const session = context.session();
      if (!args.accountIds) return { forgotten: session.forget(), accountIds: null };
      if (args.accountIds.length > MAX_ACCOUNT_IDS) {
        throw userInputError(
          `refreshAccess takes at most ${MAX_ACCOUNT_IDS} ids, got ${args.accountIds.length}.`,
          'accountIds',
        );
      }
      const ids = args.accountIds.map((id) => accountIdArg(id, 'accountIds'));
      return { forgotten: session.forget(ids), accountIds: ids };
    },
  }),
}));
