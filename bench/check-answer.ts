/**
 * What a correct matrix answer looks like: no GraphQL errors, exactly the N accounts asked for,
 * each with its access and one answer per feature. Used on every response the bench receives,
 * in-process and under autocannon.
 */
import { FEATURES } from '../src/capabilities/index.js';
import type { Shape } from './workloads.js';

export interface CapabilityCell {
  readonly feature: string;
  readonly status: string;
  readonly stale?: boolean;
}

export interface AccountCell {
  readonly id: string;
  readonly access: { readonly permissions: readonly string[] } | null;
  readonly capabilities: readonly CapabilityCell[];
}

export interface CheckOptions {
  readonly n: number;
  readonly shape: Shape;
  /** Accept UNKNOWN answers (never, except when measuring how a failure shows). */
  readonly allowUnknown?: boolean;
}

/** Returns null for a correct answer, else one sentence naming the first problem. */
export function checkAnswer(body: unknown, options: CheckOptions): string | null {
  const accounts = accountsOf(body, options.shape);
  if (typeof accounts === 'string') return accounts;
  if (accounts.length !== options.n) {
    return `expected ${options.n} accounts, got ${accounts.length}`;
  }
  for (const account of accounts) {
    const problem = checkAccount(account, options.allowUnknown ?? false);
    if (problem) return problem;
  }
  return null;
}

/** The accounts of an answer, or a sentence saying why there are none. */
export function accountsOf(body: unknown, shape: Shape): AccountCell[] | string {
  if (!isRecord(body)) return 'the body is not a JSON object';
  const errors = body['errors'];
  if (Array.isArray(errors) && errors.length > 0) {
    return `GraphQL errors: ${JSON.stringify(errors).slice(0, 300)}`;
  }
  const data = body['data'];
  const list =
    shape === 'ids' ? pick(data, ['adAccounts']) : pick(data, ['me', 'adAccounts', 'nodes']);
  if (!Array.isArray(list)) return `no account list in ${JSON.stringify(data).slice(0, 200)}`;
  return list.filter(isAccountCell);
}

function checkAccount(account: AccountCell, allowUnknown: boolean): string | null {
  if (account.access === null) return `account ${account.id} has no access`;
  if (account.capabilities.length !== FEATURES.length) {
    return `account ${account.id} has ${account.capabilities.length} capabilities, expected ${FEATURES.length}`;
  }
  const unknown = account.capabilities.find((cell) => cell.status === 'UNKNOWN');
  if (unknown && !allowUnknown) return `account ${account.id}: ${unknown.feature} is UNKNOWN`;
  return null;
}

function pick(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAccountCell(value: unknown): value is AccountCell {
  return (
    isRecord(value) &&
    typeof value['id'] === 'string' &&
    Array.isArray(value['capabilities']) &&
    (value['access'] === null || isRecord(value['access']))
  );
}
