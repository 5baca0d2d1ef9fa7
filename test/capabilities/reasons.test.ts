import { describe, expect, it } from 'vitest';
import { evaluate, unavailable } from '../../src/capabilities/index.js';
import type { CapabilityFacts } from '../../src/capabilities/index.js';
import type { Permission } from '../../src/upstream/types.js';
import { accessOf, factsWith, promotableFor } from './facts-fixture.js';

const usable = (approvalStatus: string | null, deleted = false): CapabilityFacts['account'] => ({
  kind: 'known',
  value: { deleted, approvalStatus },
});

describe('Capabilities: reason sentences', () => {
  it('names the granting roles and the role held when the role denies', () => {
    const decision = evaluate('MANAGE_CAMPAIGNS', factsWith(['CAMPAIGN_ANALYST']));
    expect(decision.reason).toBe(
      'Requires Account administrator or Ad manager; you are Campaign analyst.',
    );
  });

  it('names the composer grant and the owner path for a delegated Ad manager', () => {
    const decision = evaluate('PROMOTED_ONLY_POSTS', factsWith(['AD_MANAGER']));
    expect(decision.reason).toBe(
      'Requires the post composer permission (TWEET_COMPOSER) on this account, or being its owner; you are Ad manager.',
    );
  });

  it('leaves out the owner path for roles it cannot help', () => {
    const decision = evaluate('PROMOTED_ONLY_POSTS', factsWith(['CAMPAIGN_ANALYST']));
    expect(decision.reason).toBe(
      'Requires the post composer permission (TWEET_COMPOSER) on this account; you are Campaign analyst.',
    );
  });

  it('names the granting role when allowed', () => {
    const decision = evaluate('MANAGE_CAMPAIGNS', factsWith(['ACCOUNT_ADMIN']));
    expect(decision.reason).toBe('Allowed: you are Account administrator.');
  });

  it('names TWEET_COMPOSER when it grants promoted-only posts', () => {
    const decision = evaluate('PROMOTED_ONLY_POSTS', factsWith(['AD_MANAGER', 'TWEET_COMPOSER']));
    expect(decision.reason).toBe(
      'Allowed: you can compose posts for this account (TWEET_COMPOSER).',
    );
  });

  it('names ownership when the FULL promotable user posts without TWEET_COMPOSER', () => {
    const facts = factsWith(['CREATIVE_MANAGER'], {
      promotableUsers: { kind: 'known', value: promotableFor('ADVERTISER') },
    });
    expect(evaluate('PROMOTED_ONLY_POSTS', facts).reason).toBe(
      "Allowed: you are this account's owner (its FULL promotable user) and Creative manager.",
    );
  });

  it('explains a Conversion-only app', () => {
    const facts = factsWith(['ACCOUNT_ADMIN'], { appTier: 'conversion-only' });
    expect(evaluate('MANAGE_CAMPAIGNS', facts).reason).toBe(
      'Not available to this app: it has Conversion-only Ads API access.',
    );
  });

  it('explains a read-only token', () => {
    const facts = factsWith(['ACCOUNT_ADMIN'], { appCanWrite: false });
    expect(evaluate('MANAGE_CAMPAIGNS', facts).reason).toBe("This app's token is read-only.");
  });

  it('explains a deleted account', () => {
    const facts = factsWith(['ACCOUNT_ADMIN'], { account: usable('ACCEPTED', true) });
    expect(evaluate('MANAGE_CAMPAIGNS', facts).reason).toBe('This ad account is deleted.');
  });

  it('explains an account under review with its status', () => {
    const facts = factsWith(['ACCOUNT_ADMIN'], { account: usable('UNDER_REVIEW') });
    expect(evaluate('MANAGE_CAMPAIGNS', facts).reason).toBe(
      'This ad account is not approved yet (status UNDER_REVIEW).',
    );
  });

  it('gives the rate limit reset to the second', () => {
    const reset = new Date('2026-12-03T18:05:00Z');
    const facts = factsWith(['ACCOUNT_ADMIN'], { access: unavailable('rate-limited', reset) });
    expect(evaluate('MANAGE_CAMPAIGNS', facts).reason).toBe(
      "Could not check: X's rate limit for this account resets at 2026-12-03T18:05:00Z.",
    );
  });

  it('rounds a reset with milliseconds up to the next second', () => {
    const reset = new Date('2026-12-03T18:05:00.250Z');
    const facts = factsWith([], { access: unavailable('rate-limited', reset) });
    const decision = evaluate('MANAGE_ACCOUNT_USERS', facts);
    expect(decision.reason).toBe(
      "Could not check: X's rate limit for this account resets at 2026-12-03T18:05:01Z.",
    );
    expect(decision.retryAfter).toEqual(reset);
  });

  it('says X did not answer when the upstream was unavailable', () => {
    const facts = factsWith([], { access: unavailable('unavailable') });
    expect(evaluate('MANAGE_CAMPAIGNS', facts).reason).toBe('Could not check: X did not answer.');
  });

  it.each([
    [
      'rate-limited',
      "Could not check: X's rate limit for this account is used up; try again later.",
    ],
    ['bad-response', 'Could not check: X sent an answer this service could not read.'],
    ['token-rejected', 'Could not check: X no longer accepts your sign-in; sign in again.'],
  ] as const)('explains a %s fact without a reset time', (cause, reason) => {
    const facts = factsWith([], { access: unavailable(cause) });
    expect(evaluate('VIEW_CAMPAIGN_ANALYTICS', facts).reason).toBe(reason);
  });

  it('joins a role denial and the other failing gates into two sentences', () => {
    const facts = factsWith(['CAMPAIGN_ANALYST'], {
      appTier: 'conversion-only',
      appCanWrite: false,
      account: usable('ACCEPTED', true),
    });
    const decision = evaluate('MANAGE_CAMPAIGNS', facts);
    expect(decision.reason).toBe(
      "Requires Account administrator or Ad manager; you are Campaign analyst. Also, this app has Conversion-only Ads API access, this app's token is read-only and this ad account is deleted.",
    );
    expect(decision.blockedBy).toEqual(['ROLE', 'APP_ACCESS', 'ACCOUNT_STATE']);
  });

  it('joins two failing gates without a role problem into one sentence', () => {
    const facts = factsWith(['AD_MANAGER'], {
      appCanWrite: false,
      account: usable('UNDER_REVIEW'),
    });
    const decision = evaluate('MANAGE_CREATIVES', facts);
    expect(decision.reason).toBe(
      "This app's token is read-only and this ad account is not approved yet (status UNDER_REVIEW).",
    );
    expect(decision.blockedBy).toEqual(['APP_ACCESS', 'ACCOUNT_STATE']);
  });

  it('joins a composer denial with a read-only token', () => {
    const facts = factsWith(['AD_MANAGER'], { appCanWrite: false });
    const decision = evaluate('PROMOTED_ONLY_POSTS', facts);
    expect(decision.reason).toBe(
      "Requires the post composer permission (TWEET_COMPOSER) on this account, or being its owner; you are Ad manager. Also, this app's token is read-only.",
    );
    expect(decision.blockedBy).toEqual(['TWEET_COMPOSER', 'APP_ACCESS']);
  });

  it('says when the user has no role', () => {
    const decision = evaluate('MANAGE_ACCOUNT_USERS', factsWith([]));
    expect(decision.reason).toBe(
      'Requires Account administrator; you have no role on this account.',
    );
  });

  it('names permission values this build does not know', () => {
    const permissions: Permission[] = [];
    const facts = factsWith(permissions, {
      access: { kind: 'known', value: accessOf(permissions, ['BRAND_SAFETY_MANAGER']) },
    });
    expect(evaluate('MANAGE_ACCOUNT_USERS', facts).reason).toBe(
      'Requires Account administrator; you have no role this service recognises (X sent BRAND_SAFETY_MANAGER).',
    );
  });

  it('names every role held when two roles both fall short', () => {
    const decision = evaluate('MANAGE_CAMPAIGNS', factsWith(['ANALYST', 'CAMPAIGN_ANALYST']));
    expect(decision.reason).toBe(
      'Requires Account administrator or Ad manager; you are Campaign analyst and Organic analyst.',
    );
  });

  it('lists three granting roles with commas', () => {
    const decision = evaluate('VIEW_CAMPAIGN_ANALYTICS', factsWith(['ANALYST']));
    expect(decision.reason).toBe(
      'Requires Account administrator, Ad manager or Campaign analyst; you are Organic analyst.',
    );
  });
});
