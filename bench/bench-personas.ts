/**
 * The bench's sandbox users: one persona per workload size N, `bench{N}`, holding exactly N
 * generated accounts, added to a copy of the shipped personas file. Account i of every bench
 * persona follows the rule below, which the bench reads back to compute its lower bounds without
 * asking the service.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES } from '../src/upstream/types.js';

const SHIPPED_PERSONAS = fileURLToPath(new URL('../src/sandbox/personas.json', import.meta.url));

/** The roles account i cycles through, as for the shipped `agency` persona. */
export const ROLE_CYCLE = ROLES;
/** Roles that may also carry TWEET_COMPOSER, and how often they do. */
const COMPOSER_ROLES: readonly string[] = ['ACCOUNT_ADMIN', 'AD_MANAGER', 'CREATIVE_MANAGER'];
const COMPOSER_EVERY = 3;

/** The persona key of the bench user with `n` accounts. */
export function personaKey(n: number): string {
  return `bench${n}`;
}

/** The X user id of `bench{n}` (decimal text). */
export function benchUserId(n: number): string {
  return String(1_200_000_000 + n);
}

/** The id of account `i` (0-based) of `bench{n}`. */
export function benchAccountId(n: number, i: number): string {
  return `bk${n}z${String(i).padStart(4, '0')}`;
}

/** The ids of all `n` accounts of `bench{n}`, in creation order (the order `GET accounts` lists). */
export function benchAccountIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => benchAccountId(n, i));
}

/**
 * The permissions `bench{n}` holds on account i: ROLE_CYCLE[i mod 6]; plus TWEET_COMPOSER when
 * the role is one of COMPOSER_ROLES and ⌊i / 6⌋ is a multiple of 3. Mirrors the `generated`
 * block this module writes (the sandbox's documented generation rule).
 */
export function benchPermissions(i: number): string[] {
  const role = ROLE_CYCLE[i % ROLE_CYCLE.length] ?? 'ACCOUNT_ADMIN';
  const nthOfRole = Math.floor(i / ROLE_CYCLE.length);
  const composer = COMPOSER_ROLES.includes(role) && nthOfRole % COMPOSER_EVERY === 0;
  return composer ? [role, 'TWEET_COMPOSER'] : [role];
}

/**
 * Writes `personas.json` into `dir`: the shipped file plus a `bench{n}` persona and its
 * `generated` block for every n in `sizes`. Returns the file's path. Rejects when the shipped
 * file cannot be read or does not have the expected top-level arrays.
 */
export async function writeBenchPersonas(dir: string, sizes: readonly number[]): Promise<string> {
  const shipped: unknown = JSON.parse(await readFile(SHIPPED_PERSONAS, 'utf8'));
  if (!isPersonasRoot(shipped)) {
    throw new Error(`Personas file ${SHIPPED_PERSONAS} has no "personas" array; cannot extend it.`);
  }
  const file = {
    ...shipped,
    personas: [...shipped.personas, ...sizes.map(personaEntry)],
    generated: [...(shipped.generated ?? []), ...sizes.map(generatedBlock)],
  };
  const path = join(dir, 'personas.json');
  await writeFile(path, JSON.stringify(file, null, 2));
  return path;
}

interface PersonasRoot {
  readonly personas: unknown[];
  readonly generated?: unknown[];
}

function isPersonasRoot(value: unknown): value is PersonasRoot {
  if (typeof value !== 'object' || value === null) return false;
  const generated: unknown = Reflect.get(value, 'generated');
  return (
    Array.isArray(Reflect.get(value, 'personas')) &&
    (generated === undefined || Array.isArray(generated))
  );
}

function personaEntry(n: number) {
  return {
    key: personaKey(n),
    description: `Benchmark user with exactly ${n} generated accounts.`,
    userId: benchUserId(n),
    screenName: `bench_${n}`,
    token: `${benchUserId(n)}-BenchToken${n}q8Wm3Zr5Xt`,
    tokenSecret: `bench-token-secret-${n}-Yh6Gt4Fr2`,
    accessLevel: 'read-write',
    access: {},
  };
}

function generatedBlock(n: number) {
  return {
    description: `Accounts of ${personaKey(n)}; see benchPermissions() in bench/bench-personas.ts.`,
    persona: personaKey(n),
    count: n,
    idPrefix: `bk${n}z`,
    idDigits: 4,
    name: `Bench Client ${n}-{n}`,
    roles: [...ROLE_CYCLE],
    tweetComposer: { every: COMPOSER_EVERY, roles: COMPOSER_ROLES },
    timezones: ['America/New_York', 'Europe/London', 'Asia/Singapore'],
    industryTypes: ['RETAIL', 'TRAVEL', 'MOBILE'],
    featureSets: [['CITY_TARGETING'], [], ['CONVERSATION_CARD']],
    createdAt: '2022-03-01T09:00:00Z',
    createdEveryHours: 5,
    fullUserIdStart: String(1_300_000_000 + n * 10_000),
    retweetsOnlyUserIds: [benchUserId(n)],
  };
}
