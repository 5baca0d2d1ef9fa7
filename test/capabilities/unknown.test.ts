import { describe, expect, it } from 'vitest';
import { evaluate, unavailable } from '../../src/capabilities/index.js';
import type { UnavailableCause } from '../../src/capabilities/index.js';
import { CHECKED_AT, factsWith } from './facts-fixture.js';

const RESET = new Date('2026-12-03T18:05:00Z');
const CAUSES: readonly UnavailableCause[] = [
  'rate-limited',
  'unavailable',
  'bad-response',
  'token-rejected',
];

describe('Capabilities: facts that could not be read', () => {
  it.each(CAUSES)('answers UNKNOWN, never DENIED, when access is %s', (cause) => {
    const facts = factsWith([], { access: unavailable(cause) });
    const decision = evaluate('MANAGE_CAMPAIGNS', facts);

    expect(decision.status).toBe('UNKNOWN');
    expect(decision.blockedBy).toEqual(['UPSTREAM']);
    expect(decision.grantedBy).toEqual(['ACCOUNT_ADMIN', 'AD_MANAGER']);
    expect(decision.retryAfter).toBeNull();
    expect(decision.checkedAt).toEqual(CHECKED_AT);
  });

  it('passes retryAfter through from a rate-limited fact', () => {
    const facts = factsWith([], { access: unavailable('rate-limited', RESET) });
    expect(evaluate('VIEW_ORGANIC_ANALYTICS', facts).retryAfter).toEqual(RESET);
  });

  it('drops retryAfter for causes other than a rate limit', () => {
    const facts = factsWith([], { access: unavailable('unavailable', RESET) });
    expect(evaluate('VIEW_ORGANIC_ANALYTICS', facts).retryAfter).toBeNull();
  });

  it('answers UNKNOWN when the role grants but the account could not be read', () => {
    const facts = factsWith(['AD_MANAGER'], { account: unavailable('rate-limited', RESET) });
    const decision = evaluate('MANAGE_CAMPAIGNS', facts);
    expect(decision.status).toBe('UNKNOWN');
    expect(decision.blockedBy).toEqual(['UPSTREAM']);
    expect(decision.retryAfter).toEqual(RESET);
  });

  it('denies on the role alone when the account could not be read', () => {
    const facts = factsWith(['CAMPAIGN_ANALYST'], { account: unavailable('unavailable') });
    const decision = evaluate('MANAGE_CAMPAIGNS', facts);
    expect(decision.status).toBe('DENIED');
    expect(decision.blockedBy).toEqual(['ROLE']);
    expect(decision.retryAfter).toBeNull();
  });

  it('ignores an unreadable account for features that do not depend on it', () => {
    const facts = factsWith(['ACCOUNT_ADMIN'], { account: unavailable('bad-response') });
    expect(evaluate('MANAGE_ACCOUNT_USERS', facts).status).toBe('ALLOWED');
    expect(evaluate('MANAGE_AUDIENCES', facts).status).toBe('ALLOWED');
  });

  it('denies on the app tier even when access could not be read', () => {
    const facts = factsWith([], {
      access: unavailable('rate-limited', RESET),
      appTier: 'conversion-only',
    });
    const decision = evaluate('MANAGE_CAMPAIGNS', facts);
    expect(decision.status).toBe('DENIED');
    expect(decision.blockedBy).toEqual(['APP_ACCESS']);
    expect(decision.retryAfter).toBeNull();
  });

  it('denies on a deleted account even when access could not be read', () => {
    const facts = factsWith([], {
      access: unavailable('unavailable'),
      account: { kind: 'known', value: { deleted: true, approvalStatus: 'ACCEPTED' } },
    });
    const decision = evaluate('MANAGE_CREATIVES', facts);
    expect(decision.status).toBe('DENIED');
    expect(decision.blockedBy).toEqual(['ACCOUNT_STATE']);
  });

  it('stays UNKNOWN when a read-only token does not matter to the feature', () => {
    const facts = factsWith([], { access: unavailable('unavailable'), appCanWrite: false });
    expect(evaluate('VIEW_CAMPAIGN_ANALYTICS', facts).status).toBe('UNKNOWN');
  });

  it('answers UNKNOWN when the owner question depends on unreadable promotable users', () => {
    const facts = factsWith(['AD_MANAGER'], {
      promotableUsers: unavailable('rate-limited', RESET),
    });
    const decision = evaluate('PROMOTED_ONLY_POSTS', facts);
    expect(decision.status).toBe('UNKNOWN');
    expect(decision.blockedBy).toEqual(['UPSTREAM']);
    expect(decision.retryAfter).toEqual(RESET);
  });

  it('ignores unreadable promotable users when TWEET_COMPOSER decides', () => {
    const facts = factsWith(['AD_MANAGER', 'TWEET_COMPOSER'], {
      promotableUsers: unavailable('unavailable'),
    });
    expect(evaluate('PROMOTED_ONLY_POSTS', facts).status).toBe('ALLOWED');
  });

  it('ignores unreadable promotable users when the role cannot post as owner', () => {
    const facts = factsWith(['CAMPAIGN_ANALYST'], {
      promotableUsers: unavailable('unavailable'),
    });
    const decision = evaluate('PROMOTED_ONLY_POSTS', facts);
    expect(decision.status).toBe('DENIED');
    expect(decision.blockedBy).toEqual(['TWEET_COMPOSER']);
  });

  it('names a rejected token before a rate limit when both facts are missing', () => {
    const facts = factsWith([], {
      access: unavailable('rate-limited', RESET),
      account: unavailable('token-rejected'),
    });
    const decision = evaluate('MANAGE_CAMPAIGNS', facts);
    expect(decision.status).toBe('UNKNOWN');
    expect(decision.reason).toBe(
      'Could not check: X no longer accepts your sign-in; sign in again.',
    );
    expect(decision.retryAfter).toBeNull();
  });

  it('names a rate limit before an unanswered call, with its reset', () => {
    const facts = factsWith([], {
      access: unavailable('unavailable'),
      account: unavailable('rate-limited', RESET),
    });
    const decision = evaluate('MANAGE_CAMPAIGNS', facts);
    expect(decision.retryAfter).toEqual(RESET);
  });

  it('gives the latest reset when several facts are rate-limited', () => {
    const later = new Date('2026-12-03T18:20:00Z');
    const facts = factsWith([], {
      access: unavailable('rate-limited', RESET),
      account: unavailable('rate-limited', later),
    });
    expect(evaluate('MANAGE_CREATIVES', facts).retryAfter).toEqual(later);
  });
});
