/**
 * F6's measuring process (started by memory.ts with --expose-gc, so nothing else lives in its
 * heap): builds the real services, fills their cache through `services.cache.get` with
 * realistic facts for `users` users × 20 accounts, and reports resident memory per entry and
 * the cache's own stats; then overfills by 1% of the users to show the bound holding.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { SANDBOX_CONSUMER } from '../../src/sandbox/index.js';
import { createServices, type Services } from '../../src/services.js';
import type {
  AccountId,
  AdAccount,
  PromotableUser,
  UserAccess,
  UserId,
} from '../../src/upstream/types.js';
import { benchPermissions } from '../bench-personas.js';
import { needsOwnerRule } from '../lower-bound.js';

const ACCOUNTS_PER_USER = 20;

export interface MemoryReport {
  readonly users: number;
  readonly entries: number;
  readonly rssBytes: number;
  readonly heapBytes: number;
  readonly maxEntries: number;
  readonly afterOverfill: {
    readonly users: number;
    readonly entries: number;
    readonly evictions: number;
  };
}

/** Entries one user leaves: an account and its access per account, owners where the rule needs them. */
function entriesPerUser(): number {
  let owners = 0;
  for (let i = 0; i < ACCOUNTS_PER_USER; i++) if (needsOwnerRule(i)) owners += 1;
  return 2 * ACCOUNTS_PER_USER + owners;
}

function account(user: number, i: number): AdAccount {
  const created = new Date(Date.UTC(2021, 0, 1) + (user * 20 + i) * 3_600_000);
  return {
    id: accountId(user, i),
    name: `Client ${user}-${i} Advertising`,
    businessName: `Business ${user}`,
    businessId: `biz-${user}`,
    timezone: 'America/New_York',
    timezoneSwitchAt: null,
    approvalStatus: 'ACCEPTED',
    deleted: false,
    createdAt: created,
    updatedAt: new Date(created.getTime() + 86_400_000),
  };
}

function access(user: number, i: number): UserAccess {
  return {
    userId: String(3_000_000_000 + user) as UserId,
    permissions: benchPermissions(i) as UserAccess['permissions'],
    unknownPermissions: [],
  };
}

function owners(user: number, i: number): PromotableUser[] {
  return [
    {
      id: `${accountId(user, i)}f`,
      userId: String(4_000_000_000 + user * 20 + i) as UserId,
      type: 'FULL',
      rawType: 'FULL',
      deleted: false,
    },
    {
      id: `${accountId(user, i)}r`,
      userId: String(3_000_000_000 + user) as UserId,
      type: 'RETWEETS_ONLY',
      rawType: 'RETWEETS_ONLY',
      deleted: false,
    },
  ];
}

function accountId(user: number, i: number): AccountId {
  return `m${user.toString(36)}x${i.toString(36)}` as AccountId;
}

async function fillUser(services: Services, user: number): Promise<void> {
  const key = `u:${3_000_000_000 + user}`;
  const cache = services.cache;
  for (let i = 0; i < ACCOUNTS_PER_USER; i++) {
    const id = accountId(user, i);
    await cache.get({ user: key, kind: 'account', id }, async () => account(user, i));
    await cache.get({ user: key, kind: 'access', id }, async () => access(user, i));
    if (needsOwnerRule(i)) {
      await cache.get({ user: key, kind: 'promotableUsers', id }, async () => owners(user, i));
    }
  }
}

function collect(): void {
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc !== 'function') throw new Error('F6 needs --expose-gc to measure memory.');
  for (let i = 0; i < 3; i++) gc();
}

async function measure(users: number): Promise<MemoryReport> {
  const dir = mkdtempSync(join(tmpdir(), 'x-ads-access-bench-memory-'));
  const expected = users * entriesPerUser();
  const loaded = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
    CACHE_MAX_ENTRIES: String(expected),
  });
  const config = {
    ...loaded,
    consumer: { token: SANDBOX_CONSUMER.key, secret: SANDBOX_CONSUMER.secret },
  };
  const services = createServices(config, { logger: createLogger({ level: 'silent' }) });
  try {
    collect();
    const before = process.memoryUsage();
    for (let user = 0; user < users; user++) await fillUser(services, user);
    collect();
    const after = process.memoryUsage();
    const filled = services.cache.stats();
    const extra = Math.max(1, Math.floor(users / 100));
    for (let user = users; user < users + extra; user++) await fillUser(services, user);
    const over = services.cache.stats();
    return {
      users,
      entries: filled.entries,
      rssBytes: after.rss - before.rss,
      heapBytes: after.heapUsed - before.heapUsed,
      maxEntries: filled.maxEntries,
      afterOverfill: { users: users + extra, entries: over.entries, evictions: over.evictions },
    };
  } finally {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const users = Number(process.argv[2] ?? '10000');
measure(users).then(
  (report) => {
    process.send?.(report);
    process.disconnect?.();
  },
  (error: unknown) => {
    process.send?.({ error: String(error) });
    process.disconnect?.();
  },
);
