/**
 * Everything a running sandbox holds, shared by its routes. Built once by `startSandbox`.
 */
import type { CallCounters } from './call-counters.js';
import type { FaultList } from './faults.js';
import type { NonceStore } from './nonce-store.js';
import type { RateLimits } from './rate-limits.js';
import type { RequestTokenStore } from './request-tokens.js';
import type { TokenRegistry } from './token-registry.js';
import type { SandboxWorld } from './world.js';

export interface SandboxState {
  readonly version: string;
  readonly consumer: { readonly key: string; readonly secret: string };
  readonly checkSignatures: boolean;
  /** Epoch milliseconds. */
  readonly now: () => number;
  readonly world: SandboxWorld;
  readonly tokens: TokenRegistry;
  readonly requestTokens: RequestTokenStore;
  readonly nonces: NonceStore;
  readonly rateLimits: RateLimits;
  readonly faults: FaultList;
  readonly calls: CallCounters;
  latency: { baseMs: number; jitterMs: number };
  /** Fires when the sandbox closes: pending delays stop, open answers are dropped. */
  readonly closing: AbortSignal;
}
