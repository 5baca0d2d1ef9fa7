/**
 * The public contract of the sandbox: a simulated X Ads API and OAuth 1.0a server used as the
 * default upstream, as the test double and as the benchmark target. `index.ts` re-exports these.
 */
import type { Endpoint } from '../upstream/types.js';

/** What a request addressed: an Ads API endpoint, an OAuth endpoint, or nothing known. */
export type SandboxEndpoint =
  Endpoint | 'request_token' | 'authorize' | 'access_token' | 'invalidate_token' | 'unknown';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default '12'; routes are /{version}/accounts... */
  version?: string;
  /** Default: src/sandbox/personas.json. */
  personasFile?: string;
  /** Default SANDBOX_CONSUMER. */
  consumer?: { key: string; secret: string };
  /** Default true. When false, the header's `oauth_token` (else the default persona) is trusted. */
  checkSignatures?: boolean;
  /** Default 0 / 0. Applies to every answer, OAuth included. */
  latency?: { baseMs: number; jitterMs: number };
  /** Calls per window and endpoint; default 2000 for every endpoint. */
  rateLimits?: Partial<Record<Endpoint, number>>;
  /** Default 15 minutes. */
  rateLimitWindowMs?: number;
  /** Epoch ms; default Date.now. Drives OAuth timestamps, nonces, token expiry and windows. */
  now?: () => number;
}

export interface Persona {
  /** e.g. 'demo' */
  key: string;
  description: string;
  /** Decimal text. */
  userId: string;
  screenName: string;
  /** OAuth access token (public part). */
  token: string;
  tokenSecret: string;
  accessLevel: 'read' | 'read-write';
  /** Accounts this user can reach, deleted ones included. */
  accountIds: string[];
}

export interface Fault {
  /** Default '*'. */
  endpoint?: SandboxEndpoint | '*';
  /** Only requests for this account. */
  accountId?: string;
  /** Only requests signed with this token. */
  token?: string;
  /** Applies to this many matching requests, then is gone. */
  times?: number;
  /** Forced status... */
  status?: number;
  /** ...and raw body (default: X's error envelope for the status). */
  body?: string;
  /** Extra or overriding response headers. */
  headers?: Record<string, string>;
  /** 429 TOO_MANY_REQUESTS with reset headers at resetAt. */
  rateLimited?: { resetAt: Date };
  /** Accept, never answer (until the client aborts or close()). */
  hang?: boolean;
  /** Send the headers at once, trickle the real body slowly. */
  slowBody?: { chunkDelayMs: number };
  /** Extra latency before answering. */
  delayMs?: number;
  /** Destroy the socket (connection reset). */
  reset?: boolean;
}

export interface Sandbox {
  /** 'http://127.0.0.1:PORT' (no version, no trailing slash). */
  readonly url: string;
  readonly version: string;
  readonly consumer: { key: string; secret: string };
  readonly personas: readonly Persona[];
  readonly defaultPersona: Persona;
  /** Throws on an unknown key. */
  persona(key: string): Persona;
  readonly calls: {
    /** Every request received; no argument = the total of the Ads API endpoints. */
    count(endpoint?: SandboxEndpoint, accountId?: string): number;
    snapshot(): Record<SandboxEndpoint, number>;
    reset(): void;
  };
  /** `add` returns a function that removes that fault. */
  readonly faults: { add(fault: Fault): () => void; clear(): void };
  setLatency(latency: { baseMs: number; jitterMs: number }): void;
  /** Later requests with this token get 401 UNAUTHORIZED_ACCESS. */
  revokeToken(token: string): void;
  resetRateLimits(): void;
  /** Stops listening and ends every open request, hanging ones included. */
  close(): Promise<void>;
}
