/** Builders for capability facts in tests: a known, usable account and a standard, writable app. */
import type { CapabilityFacts } from '../../src/capabilities/index.js';
import type {
  Permission,
  PromotableUser,
  PromotableUserType,
  UserAccess,
  UserId,
} from '../../src/upstream/types.js';

export const USER_ID = '2417045708' as UserId;
export const OTHER_USER_ID = '783214' as UserId;
export const CHECKED_AT = new Date('2026-12-03T17:50:00Z');

/** The access of USER_ID holding `permissions`, plus any values the build does not know. */
export function accessOf(
  permissions: readonly Permission[],
  unknownPermissions: readonly string[] = [],
): UserAccess {
  return { userId: USER_ID, permissions, unknownPermissions };
}

/** One promotable user entry. */
export function promotable(
  userId: UserId,
  type: PromotableUserType | null = 'FULL',
  deleted = false,
): PromotableUser {
  return { id: `pu-${userId}`, userId, type, rawType: type ?? 'SOMETHING_NEW', deleted };
}

/** Promotable users whose FULL user is USER_ID (ADVERTISER) or someone else (DELEGATED). */
export function promotableFor(kind: 'ADVERTISER' | 'DELEGATED'): readonly PromotableUser[] {
  const owner = kind === 'ADVERTISER' ? USER_ID : OTHER_USER_ID;
  return [promotable(owner, 'FULL'), promotable('555' as UserId, 'RETWEETS_ONLY')];
}

/** Facts where everything is known and nothing blocks, overridden by `patch`. */
export function factsWith(
  permissions: readonly Permission[],
  patch: Partial<CapabilityFacts> = {},
): CapabilityFacts {
  return {
    account: { kind: 'known', value: { deleted: false, approvalStatus: 'ACCEPTED' } },
    access: { kind: 'known', value: accessOf(permissions) },
    promotableUsers: { kind: 'known', value: promotableFor('DELEGATED') },
    appTier: 'standard',
    appCanWrite: true,
    checkedAt: CHECKED_AT,
    ...patch,
  };
}
