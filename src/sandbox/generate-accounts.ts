/**
 * Expands a `generated` block of personas.json into account records and the persona's
 * permissions on them. Deterministic: the same block always yields the same accounts.
 */
import type { GeneratedBlock } from './personas-file.js';
import { saltFor } from './personas-file.js';
import type { AccountRecord } from './world.js';

export interface GeneratedAccounts {
  readonly accounts: readonly AccountRecord[];
  /** Account id → the persona's permissions there. */
  readonly access: ReadonlyMap<string, readonly string[]>;
}

const HOUR_MS = 3_600_000;

/** Returns `block.count` accounts `{idPrefix}{index padded to idDigits}` with their access. */
export function generateAccounts(block: GeneratedBlock): GeneratedAccounts {
  const accounts: AccountRecord[] = [];
  const access = new Map<string, readonly string[]>();
  for (let i = 0; i < block.count; i++) {
    const account = generatedAccount(block, i);
    accounts.push(account);
    access.set(account.id, permissionsAt(block, i));
  }
  return { accounts, access };
}

/**
 * Account i holds roles[i % roles.length]. Of the accounts holding a role listed in
 * tweetComposer.roles, every `every`-th one of that role (counting from the first) also holds
 * TWEET_COMPOSER, so each such role appears both with and without it.
 */
function permissionsAt(block: GeneratedBlock, i: number): string[] {
  const cycle = block.roles.length;
  const role = block.roles[i % cycle] ?? 'ACCOUNT_ADMIN';
  const nthOfRole = Math.floor(i / cycle);
  const composer =
    block.tweetComposer.roles.includes(role) && nthOfRole % block.tweetComposer.every === 0;
  return composer ? [role, 'TWEET_COMPOSER'] : [role];
}

function generatedAccount(block: GeneratedBlock, i: number): AccountRecord {
  const n = String(i).padStart(block.idDigits, '0');
  const id = `${block.idPrefix}${n}`;
  const created = new Date(Date.parse(block.createdAt) + i * block.createdEveryHours * HOUR_MS);
  const createdAt = isoSeconds(created);
  const updatedAt = isoSeconds(new Date(created.getTime() + 30 * 24 * HOUR_MS));
  return {
    id,
    name: block.name.replaceAll('{n}', n),
    businessName: null,
    businessId: null,
    timezone: pick(block.timezones, i, 'UTC'),
    timezoneSwitchAt: null,
    createdAt,
    updatedAt,
    approvalStatus: 'ACCEPTED',
    deleted: false,
    salt: saltFor(id),
    industryType: pick(block.industryTypes, i, 'OTHER'),
    features: pick(block.featureSets, i, []),
    promotableUsers: [
      {
        id: `${id}f`,
        userId: addToDecimal(block.fullUserIdStart, i),
        type: 'FULL',
        ...times(createdAt, updatedAt),
      },
      ...block.retweetsOnlyUserIds.map((userId, k) => ({
        id: `${id}r${k}`,
        userId,
        type: 'RETWEETS_ONLY',
        ...times(createdAt, updatedAt),
      })),
    ],
  };
}

function times(createdAt: string, updatedAt: string) {
  return { createdAt, updatedAt, deleted: false };
}

function pick<T>(list: readonly T[], i: number, fallback: T): T {
  return list[i % list.length] ?? fallback;
}

function addToDecimal(start: string, i: number): string {
  return (BigInt(start) + BigInt(i)).toString();
}

function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
