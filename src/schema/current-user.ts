/** `CurrentUser`, the `me` query, and the paginated list of the user's ad accounts. */
import type { Session } from '../context.js';
import { userInputError } from '../errors.js';
import type { AccountNode } from '../loaders/account-capabilities.js';
import { AdAccountRef, prefetch } from './ad-account.js';
import { builder } from './builder.js';
import { readFact } from './read-fact.js';
import { selectedFieldNames } from './selection.js';

const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 200;

interface Connection {
  readonly nodes: readonly AccountNode[];
  readonly endCursor: string | null;
}

const PageInfoRef = builder.objectRef<Connection>('PageInfo').implement({
  description: 'Where a page ends and whether another follows.',
  fields: (t) => ({
    hasNextPage: t.boolean({
      description: 'Whether another page follows.',
      resolve: (page) => page.endCursor !== null,
    }),
    endCursor: t.string({
      nullable: true,
      description: 'Pass as `after` to read the next page; null on the last page.',
      resolve: (page) => page.endCursor,
    }),
  }),
});

const AdAccountConnectionRef = builder.objectRef<Connection>('AdAccountConnection').implement({
  description: 'One page of the ad accounts the user can reach.',
  fields: (t) => ({
    nodes: t.field({
      type: [AdAccountRef],
      description: 'The accounts on this page.',
      resolve: (page) => [...page.nodes],
    }),
    pageInfo: t.field({
      type: PageInfoRef,
      description: 'Where this page ends and whether another follows.',
      resolve: (page) => page,
    }),
  }),
});

const CurrentUserRef = builder.objectRef<Session>('CurrentUser').implement({
  description: 'The signed-in X user.',
  fields: (t) => ({
    id: t.id({ description: 'The X user id.', resolve: (session) => userIdOf(session) }),
    screenName: t.string({
      nullable: true,
      description: 'The @handle without the @, when known from sign-in.',
      resolve: (session) => session.viewer.screenName,
    }),
    adAccounts: t.field({
      type: AdAccountConnectionRef,
      description: `The ad accounts the user can reach, ${DEFAULT_PAGE_SIZE} per page by default (at most ${MAX_PAGE_SIZE}).`,
      args: {
        first: t.arg.int({ required: false, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` }),
        after: t.arg.string({
          required: false,
          description: 'The endCursor of the previous page.',
        }),
        q: t.arg.string({
          required: false,
          description: 'Only accounts whose name starts with this (any case).',
        }),
        withDeleted: t.arg.boolean({ required: false, description: 'Include deleted accounts.' }),
      },
      resolve: async (session, args, _context, info) => {
        const params = pageParams(args);
        const page = await readFact(session, session.loaders.accountPage(params));
        const nodes = page.value.data.map((record) => ({
          record,
          source: page.source,
          checkedAt: page.checkedAt,
          stale: page.stale,
        }));
        prefetch(
          session,
          nodes.map((node) => node.record.id),
          selectedFieldNames(info),
        );
        return { nodes, endCursor: page.value.nextCursor };
      },
    }),
  }),
});

builder.queryFields((t) => ({
  me: t.field({
    type: CurrentUserRef,
    description: 'The signed-in user. Fails with UNAUTHENTICATED when the request has no identity.',
    resolve: (_root, _args, context) => context.session(),
  }),
}));

function pageParams(args: {
  first?: number | null;
  after?: string | null;
  q?: string | null;
  withDeleted?: boolean | null;
}) {
  const count = args.first ?? DEFAULT_PAGE_SIZE;
  if (count < 1 || count > MAX_PAGE_SIZE) {
    throw userInputError(`first must be from 1 to ${MAX_PAGE_SIZE}, got ${count}.`, 'first');
  }
  if (args.after != null && !/^[\w.~-]{1,256}$/.test(args.after)) {
    throw userInputError('after must be an endCursor returned by a previous page.', 'after');
  }
  if (args.q != null && args.q.length > 256) {
    throw userInputError(`q must be at most 256 characters, got ${args.q.length}.`, 'q');
  }
  return {
    count,
    ...(args.after != null ? { cursor: args.after } : {}),
    ...(args.q ? { q: args.q } : {}),
    ...(args.withDeleted ? { withDeleted: true } : {}),
  };
}

/**
 * The X user id: known from the persona or the stored sign-in; for a static token, the numeric
 * prefix X puts on user access tokens (`6253282-…` for user 6253282, as in X's OAuth examples;
 * UNVERIFIED as a guarantee), else the `user_id` X reports for the first reachable account.
 */
async function userIdOf(session: Session): Promise<string> {
  if (session.viewer.userId) return session.viewer.userId;
  const prefix = /^(\d+)-/.exec(session.viewer.token.token)?.[1];
  if (prefix) return prefix;
  const page = await readFact(session, session.loaders.accountPage({ count: 1 }));
  const first = page.value.data[0];
  if (!first) throw new Error('The token reaches no ad account, so its user id is unknown.');
  const access = await readFact(session, session.loaders.access.load(first.id));
  return access.value.userId;
}
