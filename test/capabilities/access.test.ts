import { describe, expect, it } from 'vitest';
import {
  FEATURES,
  FEATURE_LABELS,
  PERMISSION_LABELS,
  evaluate,
  needsPromotableUsers,
  roleOf,
  tokenKind,
} from '../../src/capabilities/index.js';
import type { CapabilityFacts, Feature } from '../../src/capabilities/index.js';
import type { Permission, Role, UserId } from '../../src/upstream/types.js';
import { OTHER_USER_ID, USER_ID, accessOf, factsWith, promotable } from './facts-fixture.js';

describe('roleOf', () => {
  it('returns the role beside TWEET_COMPOSER', () => {
    expect(roleOf(accessOf(['TWEET_COMPOSER', 'CREATIVE_MANAGER']))).toBe('CREATIVE_MANAGER');
  });

  it('returns null for TWEET_COMPOSER alone', () => {
    expect(roleOf(accessOf(['TWEET_COMPOSER']))).toBeNull();
  });

  it('returns null when only unknown permission values were sent', () => {
    expect(roleOf(accessOf([], ['BRAND_SAFETY_MANAGER']))).toBeNull();
  });

  it('ignores unknown values beside a known role', () => {
    expect(roleOf(accessOf(['ANALYST'], ['BRAND_SAFETY_MANAGER']))).toBe('ANALYST');
  });

  it.each([
    [['CAMPAIGN_ANALYST', 'AD_MANAGER'], 'AD_MANAGER'],
    [['PARTNER_AUDIENCE_MANAGER', 'ANALYST'], 'ANALYST'],
    [['AD_MANAGER', 'ACCOUNT_ADMIN', 'TWEET_COMPOSER'], 'ACCOUNT_ADMIN'],
  ] as const)('returns the most powerful of two roles %j', (permissions, role) => {
    expect(roleOf(accessOf(permissions))).toBe(role);
  });
});

describe('tokenKind', () => {
  const access = accessOf(['AD_MANAGER']);

  it('returns ADVERTISER for the account FULL promotable user', () => {
    expect(tokenKind(access, [promotable(USER_ID, 'FULL')])).toBe('ADVERTISER');
  });

  it('returns DELEGATED when the FULL user entry is deleted', () => {
    expect(tokenKind(access, [promotable(USER_ID, 'FULL', true)])).toBe('DELEGATED');
  });

  it('returns DELEGATED when the FULL user is someone else', () => {
    expect(tokenKind(access, [promotable(OTHER_USER_ID, 'FULL')])).toBe('DELEGATED');
  });

  it('returns DELEGATED for a RETWEETS_ONLY entry or an unknown type', () => {
    const users = [promotable(USER_ID, 'RETWEETS_ONLY'), promotable(USER_ID, null)];
    expect(tokenKind(access, users)).toBe('DELEGATED');
  });

  it('returns DELEGATED when there are no promotable users', () => {
    expect(tokenKind(access, [])).toBe('DELEGATED');
  });

  it('denies owner posting when the FULL user entry is deleted', () => {
    const facts = factsWith(['ACCOUNT_ADMIN'], {
      promotableUsers: { kind: 'known', value: [promotable(USER_ID, 'FULL', true)] },
    });
    const decision = evaluate('PROMOTED_ONLY_POSTS', facts);
    expect(decision.status).toBe('DENIED');
    expect(decision.blockedBy).toEqual(['TWEET_COMPOSER']);
  });
});

describe('needsPromotableUsers', () => {
  const OWNER_ROLES: readonly Role[] = ['ACCOUNT_ADMIN', 'AD_MANAGER', 'CREATIVE_MANAGER'];
  const OTHER_ROLES: readonly Role[] = ['CAMPAIGN_ANALYST', 'ANALYST', 'PARTNER_AUDIENCE_MANAGER'];

  it.each(OWNER_ROLES)('is true for promoted-only posts by %s without TWEET_COMPOSER', (role) => {
    expect(needsPromotableUsers('PROMOTED_ONLY_POSTS', accessOf([role]))).toBe(true);
  });

  it.each(OWNER_ROLES)('is false for promoted-only posts by %s with TWEET_COMPOSER', (role) => {
    const access = accessOf([role, 'TWEET_COMPOSER']);
    expect(needsPromotableUsers('PROMOTED_ONLY_POSTS', access)).toBe(false);
  });

  it.each(OTHER_ROLES)('is false for promoted-only posts by %s', (role) => {
    expect(needsPromotableUsers('PROMOTED_ONLY_POSTS', accessOf([role]))).toBe(false);
  });

  it('is false without any role', () => {
    expect(needsPromotableUsers('PROMOTED_ONLY_POSTS', accessOf([], ['NEW_ROLE']))).toBe(false);
  });

  it.each(FEATURES.filter((f) => f !== 'PROMOTED_ONLY_POSTS'))('is false for %s', (feature) => {
    expect(needsPromotableUsers(feature, accessOf(['ACCOUNT_ADMIN']))).toBe(false);
  });

  it('makes evaluate throw a plain Error when promotable users were needed and not given', () => {
    const facts: CapabilityFacts = { ...factsWith(['AD_MANAGER']), promotableUsers: undefined };
    expect(() => evaluate('PROMOTED_ONLY_POSTS', facts)).toThrow(
      /evaluate\(PROMOTED_ONLY_POSTS\) needs the account's promotable users/,
    );
  });

  it('lets evaluate answer without promotable users when they are not needed', () => {
    const without = (permissions: Permission[]): CapabilityFacts => {
      const { promotableUsers: _unused, ...rest } = factsWith(permissions);
      return rest;
    };
    expect(evaluate('PROMOTED_ONLY_POSTS', without(['AD_MANAGER', 'TWEET_COMPOSER'])).status).toBe(
      'ALLOWED',
    );
    expect(evaluate('PROMOTED_ONLY_POSTS', without(['ANALYST'])).status).toBe('DENIED');
    expect(evaluate('MANAGE_CAMPAIGNS', without(['AD_MANAGER'])).status).toBe('ALLOWED');
  });
});

describe('Capabilities: several roles at once (UNVERIFIED upstream shape)', () => {
  it('grants a feature when any held role grants it', () => {
    const facts = factsWith(['CAMPAIGN_ANALYST', 'PARTNER_AUDIENCE_MANAGER']);
    const decision = evaluate('MANAGE_PARTNER_AUDIENCES', facts);
    expect(decision.status).toBe('ALLOWED');
    expect(decision.reason).toBe('Allowed: you are Partner audience manager.');
  });

  it('lets unknown permission values grant nothing', () => {
    const permissions: Permission[] = [];
    const facts = factsWith(permissions, {
      access: { kind: 'known', value: accessOf(permissions, ['ACCOUNT_OWNER']) },
    });
    const statuses = FEATURES.map((feature) => evaluate(feature, facts).status);
    expect(statuses).toEqual(FEATURES.map(() => 'DENIED'));
  });
});

describe('Capabilities: labels', () => {
  it('uses the Ads UI names for permissions', () => {
    expect(PERMISSION_LABELS).toEqual({
      ACCOUNT_ADMIN: 'Account administrator',
      AD_MANAGER: 'Ad manager',
      CREATIVE_MANAGER: 'Creative manager',
      CAMPAIGN_ANALYST: 'Campaign analyst',
      ANALYST: 'Organic analyst',
      PARTNER_AUDIENCE_MANAGER: 'Partner audience manager',
      TWEET_COMPOSER: 'Post composer',
    });
  });

  it('labels every feature', () => {
    const labels = FEATURES.map((feature: Feature) => FEATURE_LABELS[feature]);
    expect(labels).toEqual([
      'Promoted-only posts',
      'Conversion API',
      'Manage campaigns',
      'View campaign analytics',
      'View organic analytics',
      'Manage creatives',
      'Manage audiences',
      'Manage partner audiences',
      'Manage account users',
    ]);
  });
});

describe('Capabilities: evaluate and facts', () => {
  it('passes checkedAt through from the facts', () => {
    const checkedAt = new Date('2026-01-02T03:04:05Z');
    const decision = evaluate('CONVERSION_API', factsWith(['AD_MANAGER'], { checkedAt }));
    expect(decision.checkedAt).toEqual(checkedAt);
  });

  it('treats an account with no approval status as usable', () => {
    const facts = factsWith(['AD_MANAGER'], {
      account: { kind: 'known', value: { deleted: false, approvalStatus: null } },
    });
    expect(evaluate('MANAGE_CAMPAIGNS', facts).status).toBe('ALLOWED');
  });

  it('treats any approval status other than ACCEPTED as not approved', () => {
    const facts = factsWith(['AD_MANAGER'], {
      account: { kind: 'known', value: { deleted: false, approvalStatus: 'REJECTED' } },
    });
    const decision = evaluate('MANAGE_CAMPAIGNS', facts);
    expect(decision.blockedBy).toEqual(['ACCOUNT_STATE']);
    expect(decision.reason).toBe('This ad account is not approved yet (status REJECTED).');
  });

  it('keeps users apart: the owner path needs the token user to be the FULL user', () => {
    const owner = '42' as UserId;
    const facts = factsWith(['ACCOUNT_ADMIN'], {
      promotableUsers: { kind: 'known', value: [promotable(owner, 'FULL')] },
    });
    expect(evaluate('PROMOTED_ONLY_POSTS', facts).status).toBe('DENIED');
  });
});
