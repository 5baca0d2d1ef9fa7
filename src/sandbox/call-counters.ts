/**
 * Counts every request the sandbox receives, per endpoint and per endpoint and account, whatever
 * its outcome (answered, refused, faulted).
 */
import { ADS_API_ENDPOINTS } from './routes.js';
import type { SandboxEndpoint } from './types.js';

export const SANDBOX_ENDPOINTS = [
  ...ADS_API_ENDPOINTS,
  'request_token',
  'authorize',
  'access_token',
  'invalidate_token',
  'unknown',
] as const satisfies readonly SandboxEndpoint[];

export interface CallCounters {
  record(endpoint: SandboxEndpoint, accountId: string | null): void;
  /**
   * With an endpoint: its calls (for that account when given). Without: the total of the Ads API
   * endpoints (OAuth and unknown routes excluded), for that account when given.
   */
  count(endpoint?: SandboxEndpoint, accountId?: string): number;
  /** Calls per endpoint, every endpoint present. */
  snapshot(): Record<SandboxEndpoint, number>;
  reset(): void;
}

/** Returns counters at zero. */
export function createCallCounters(): CallCounters {
  let perEndpoint = new Map<SandboxEndpoint, number>();
  let perAccount = new Map<string, number>();
  const accountKey = (endpoint: SandboxEndpoint, accountId: string) => `${endpoint}\n${accountId}`;

  const count = (endpoint?: SandboxEndpoint, accountId?: string): number => {
    if (endpoint === undefined) {
      return ADS_API_ENDPOINTS.reduce((sum, e) => sum + count(e, accountId), 0);
    }
    if (accountId === undefined) return perEndpoint.get(endpoint) ?? 0;
    return perAccount.get(accountKey(endpoint, accountId)) ?? 0;
  };

  return {
    record(endpoint, accountId) {
      perEndpoint.set(endpoint, (perEndpoint.get(endpoint) ?? 0) + 1);
      if (accountId === null) return;
      const key = accountKey(endpoint, accountId);
      perAccount.set(key, (perAccount.get(key) ?? 0) + 1);
    },
    count,
    snapshot() {
      const entries = SANDBOX_ENDPOINTS.map((e) => [e, perEndpoint.get(e) ?? 0] as const);
      return Object.fromEntries(entries) as Record<SandboxEndpoint, number>;
    },
    reset() {
      perEndpoint = new Map();
      perAccount = new Map();
    },
  };
}
