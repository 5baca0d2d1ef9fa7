/**
 * Every role (and none) × every feature × token kind × TWEET_COMPOSER × app tier × read-only ×
 * account state, checked against the expected tables below. The tables are written out here from
 * the design's capability rules, independently of `src/capabilities`.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/capabilities/index.js';
import type { AppTier, Decision, Feature, Gate } from '../../src/capabilities/index.js';
import type { Permission, Role } from '../../src/upstream/types.js';
import { CHECKED_AT, accessOf, factsWith, promotableFor } from './facts-fixture.js';

// Columns, in order:
//  POP   PROMOTED_ONLY_POSTS          CAPI  CONVERSION_API        CAMP MANAGE_CAMPAIGNS
//  VCA   VIEW_CAMPAIGN_ANALYTICS      VOA   VIEW_ORGANIC_ANALYTICS CRE MANAGE_CREATIVES
//  AUD   MANAGE_AUDIENCES             PAUD  MANAGE_PARTNER_AUDIENCES USR MANAGE_ACCOUNT_USERS
// Y: the role grants it. -: it does not.
// o: only with TWEET_COMPOSER, or as the account's FULL promotable user (ADVERTISER).
// c: only with TWEET_COMPOSER.
const COLUMNS: readonly Feature[] = [
  'PROMOTED_ONLY_POSTS',
  'CONVERSION_API',
  'MANAGE_CAMPAIGNS',
  'VIEW_CAMPAIGN_ANALYTICS',
  'VIEW_ORGANIC_ANALYTICS',
  'MANAGE_CREATIVES',
  'MANAGE_AUDIENCES',
  'MANAGE_PARTNER_AUDIENCES',
  'MANAGE_ACCOUNT_USERS',
];
// The grid is aligned by column, which the formatter would undo.
// prettier-ignore
const GRANTS: Readonly<Record<Role | 'none', string>> = {
  //                         POP CAPI CAMP VCA VOA CRE AUD PAUD USR
  ACCOUNT_ADMIN:            'o   Y    Y    Y   Y   Y   Y   Y    Y',
  AD_MANAGER:               'o   Y    Y    Y   Y   Y   Y   Y    -',
  CREATIVE_MANAGER:         'o   -    -    -   -   Y   -   -    -',
  CAMPAIGN_ANALYST:         'c   -    -    Y   Y   -   -   -    -',
  ANALYST:                  'c   -    -    -   Y   -   -   -    -',
  PARTNER_AUDIENCE_MANAGER: 'c   -    -    -   -   -   -   Y    -',
  none:                     'c   -    -    -   -   -   -   -    -',
};

// Per feature: works on a Conversion-only app, blocked by a read-only token, needs a usable account.
const GATES_OF: Readonly<Record<Feature, readonly [boolean, boolean, boolean]>> = {
  PROMOTED_ONLY_POSTS: [false, true, true],
  CONVERSION_API: [true, false, false],
  MANAGE_CAMPAIGNS: [false, true, true],
  VIEW_CAMPAIGN_ANALYTICS: [false, false, false],
  VIEW_ORGANIC_ANALYTICS: [false, false, false],
  MANAGE_CREATIVES: [false, true, true],
  MANAGE_AUDIENCES: [false, true, false],
  MANAGE_PARTNER_AUDIENCES: [false, true, false],
  MANAGE_ACCOUNT_USERS: [true, false, false],
};

const GRANTED_BY: Readonly<Record<Feature, readonly Permission[]>> = {
  PROMOTED_ONLY_POSTS: ['TWEET_COMPOSER'],
  CONVERSION_API: ['ACCOUNT_ADMIN', 'AD_MANAGER'],
  MANAGE_CAMPAIGNS: ['ACCOUNT_ADMIN', 'AD_MANAGER'],
  VIEW_CAMPAIGN_ANALYTICS: ['ACCOUNT_ADMIN', 'AD_MANAGER', 'CAMPAIGN_ANALYST'],
  VIEW_ORGANIC_ANALYTICS: ['ACCOUNT_ADMIN', 'AD_MANAGER', 'CAMPAIGN_ANALYST', 'ANALYST'],
  MANAGE_CREATIVES: ['ACCOUNT_ADMIN', 'AD_MANAGER', 'CREATIVE_MANAGER'],
  MANAGE_AUDIENCES: ['ACCOUNT_ADMIN', 'AD_MANAGER'],
  MANAGE_PARTNER_AUDIENCES: ['PARTNER_AUDIENCE_MANAGER', 'ACCOUNT_ADMIN', 'AD_MANAGER'],
  MANAGE_ACCOUNT_USERS: ['ACCOUNT_ADMIN'],
};

type AccountCase = 'ACCEPTED' | 'no status' | 'deleted' | 'UNDER_REVIEW';

interface Case {
  readonly role: Role | 'none';
  readonly feature: Feature;
  readonly kind: 'ADVERTISER' | 'DELEGATED';
  readonly composer: boolean;
  readonly tier: AppTier;
  readonly canWrite: boolean;
  readonly account: AccountCase;
}

function grantCell(role: Role | 'none', feature: Feature): string {
  const cells = GRANTS[role].split(/\s+/);
  const cell = cells[COLUMNS.indexOf(feature)];
  if (cell === undefined) throw new Error(`No cell for ${role} × ${feature}.`);
  return cell;
}

/** The gates expected to fail, in the contract's order; empty means ALLOWED. */
function expectedBlockedBy(c: Case): Gate[] {
  const [conversionOnlyOk, needsWrite, needsUsable] = GATES_OF[c.feature];
  const cell = grantCell(c.role, c.feature);
  const blocked: Gate[] = [];
  if (cell === '-') blocked.push('ROLE');
  if (cell === 'c' && !c.composer) blocked.push('TWEET_COMPOSER');
  if (cell === 'o' && !c.composer && c.kind === 'DELEGATED') blocked.push('TWEET_COMPOSER');
  if ((c.tier === 'conversion-only' && !conversionOnlyOk) || (needsWrite && !c.canWrite)) {
    blocked.push('APP_ACCESS');
  }
  const unusable = c.account === 'deleted' || c.account === 'UNDER_REVIEW';
  if (needsUsable && unusable) blocked.push('ACCOUNT_STATE');
  return blocked;
}

function decide(c: Case): Decision {
  const permissions: Permission[] = c.role === 'none' ? [] : [c.role];
  if (c.composer) permissions.push('TWEET_COMPOSER');
  const state =
    c.account === 'deleted'
      ? { deleted: true, approvalStatus: 'ACCEPTED' }
      : { deleted: false, approvalStatus: c.account === 'no status' ? null : c.account };
  return evaluate(
    c.feature,
    factsWith(permissions, {
      access: { kind: 'known', value: accessOf(permissions) },
      promotableUsers: { kind: 'known', value: promotableFor(c.kind) },
      account: { kind: 'known', value: state },
      appTier: c.tier,
      appCanWrite: c.canWrite,
    }),
  );
}

function allCases(): Case[] {
  const cases: Case[] = [];
  for (const role of Object.keys(GRANTS) as (Role | 'none')[])
    for (const feature of COLUMNS)
      for (const kind of ['ADVERTISER', 'DELEGATED'] as const)
        for (const composer of [false, true])
          for (const tier of ['standard', 'conversion-only'] as const)
            for (const canWrite of [true, false])
              for (const account of ['ACCEPTED', 'no status', 'deleted', 'UNDER_REVIEW'] as const)
                cases.push({ role, feature, kind, composer, tier, canWrite, account });
  return cases;
}

function caseName(c: Case): string {
  const blocked = expectedBlockedBy(c);
  const verdict = blocked.length === 0 ? 'ALLOWED' : `DENIED by ${blocked.join('+')}`;
  const who = `${c.role}${c.composer ? '+TWEET_COMPOSER' : ''} ${c.kind}`;
  const app = `${c.tier} ${c.canWrite ? 'read-write' : 'read-only'} app`;
  return `${c.feature} is ${verdict} for ${who} with a ${app}, account ${c.account}`;
}

describe('Capabilities: the full rule matrix', () => {
  const cases = allCases();

  it('covers every combination', () => {
    expect(cases).toHaveLength(7 * 9 * 2 * 2 * 2 * 2 * 4);
  });

  it.each(cases.map((c) => [caseName(c), c] as const))('%s', (_name, c) => {
    const decision = decide(c);
    const blocked = expectedBlockedBy(c);

    expect(decision.feature).toBe(c.feature);
    expect(decision.status).toBe(blocked.length === 0 ? 'ALLOWED' : 'DENIED');
    expect(decision.blockedBy).toEqual(blocked);
    expect(decision.grantedBy).toEqual(GRANTED_BY[c.feature]);
    expect(decision.retryAfter).toBeNull();
    expect(decision.checkedAt).toEqual(CHECKED_AT);
    if (blocked.length === 0) expect(decision.reason).toMatch(/^Allowed: /);
    if (blocked[0] === 'ROLE' || blocked[0] === 'TWEET_COMPOSER') {
      expect(decision.reason).toMatch(/^Requires /);
    }
  });
});
