/** `AccountAccess`: the signed-in user's permissions on one ad account, as X reports them. */
import { PERMISSION_LABELS, roleOf, tokenKind } from '../capabilities/index.js';
import {
  KNOWN_PERMISSIONS,
  type AccountId,
  type Permission,
  type UserAccess,
} from '../upstream/types.js';
import { builder } from './builder.js';
import { FactSourceEnum } from './capability.js';
import { readFact } from './read-fact.js';

export interface AccessNode {
  readonly accountId: AccountId;
  readonly access: UserAccess;
  readonly source: 'LIVE' | 'CACHED';
  readonly checkedAt: Date;
}

export const AccountPermissionEnum = builder.enumType('AccountPermission', {
  description:
    'A permission X grants a user on an ad account: one role, plus TWEET_COMPOSER when the user may compose Promoted-only posts.',
  values: Object.fromEntries(
    KNOWN_PERMISSIONS.map((permission) => [
      permission,
      { value: permission, description: PERMISSION_LABELS[permission] },
    ]),
  ) as Record<Permission, { value: Permission; description: string }>,
});

export const TokenKindEnum = builder.enumType('TokenKind', {
  description: 'How the signed-in user reaches the account.',
  values: {
    ADVERTISER: { description: 'The user owns the account: its FULL promotable user.' },
    DELEGATED: {
      description:
        "The user was granted access to someone else's account; composing Promoted-only posts then needs TWEET_COMPOSER.",
    },
  } as const,
});

export const AccountAccessRef = builder.objectRef<AccessNode>('AccountAccess').implement({
  description: "The signed-in user's permissions on an ad account (X's authenticated_user_access).",
  fields: (t) => ({
    userId: t.id({
      description: 'The X user id the token belongs to.',
      resolve: (node) => node.access.userId,
    }),
    permissions: t.field({
      type: [AccountPermissionEnum],
      description:
        'The known permissions as X returned them, e.g. [ACCOUNT_ADMIN, TWEET_COMPOSER].',
      resolve: (node) => [...node.access.permissions],
    }),
    unknownPermissions: t.stringList({
      description: 'Permission values X returned that this service does not know yet.',
      resolve: (node) => [...node.access.unknownPermissions],
    }),
    role: t.field({
      type: AccountPermissionEnum,
      nullable: true,
      description: 'The one role among the permissions, if any (TWEET_COMPOSER is not a role).',
      resolve: (node) => roleOf(node.access),
    }),
    tweetComposer: t.boolean({
      description:
        'Whether X granted TWEET_COMPOSER (compose Promoted-only posts for the account).',
      resolve: (node) => node.access.permissions.includes('TWEET_COMPOSER'),
    }),
    tokenKind: t.field({
      type: TokenKindEnum,
      description:
        "ADVERTISER when the user is the account's FULL promotable user, else DELEGATED. Reads the account's promotable users.",
      resolve: async (node, _args, context) => {
        const session = context.session();
        const owners = await readFact(
          session,
          session.loaders.promotableUsers.load(node.accountId),
        );
        return tokenKind(node.access, owners.value);
      },
    }),
    source: t.field({
      type: FactSourceEnum,
      description: 'LIVE when read from X for this request, CACHED when reused.',
      resolve: (node) => node.source,
    }),
    checkedAt: t.field({
      type: 'DateTime',
      description: 'When these permissions were read from X.',
      resolve: (node) => node.checkedAt,
    }),
  }),
});
