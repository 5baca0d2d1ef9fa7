/** `PromotableUser`: an X user whose posts the account can promote. */
import type { PromotableUser } from '../upstream/types.js';
import { builder } from './builder.js';

export const PromotableUserTypeEnum = builder.enumType('PromotableUserType', {
  description:
    "FULL is the account's owner (one per account); RETWEETS_ONLY users' posts can only be promoted as they are.",
  values: {
    FULL: { description: "The account's owner: posts can be created and promoted as this user." },
    RETWEETS_ONLY: { description: "Only this user's existing posts can be promoted." },
  } as const,
});

/** Users of a type this build does not know are left out of the list (the type is required). */
export type KnownPromotableUser = PromotableUser & { readonly type: 'FULL' | 'RETWEETS_ONLY' };

export const PromotableUserRef = builder
  .objectRef<KnownPromotableUser>('PromotableUser')
  .implement({
    description: 'An X user whose posts the ad account can promote.',
    fields: (t) => ({
      id: t.id({ description: "The promotable user record's id.", resolve: (user) => user.id }),
      userId: t.id({ description: 'The X user id.', resolve: (user) => user.userId }),
      type: t.field({
        type: PromotableUserTypeEnum,
        description: 'FULL (the owner) or RETWEETS_ONLY.',
        resolve: (user) => user.type,
      }),
      deleted: t.boolean({
        description: 'Whether the promotable user was removed from the account.',
        resolve: (user) => user.deleted,
      }),
    }),
  });
