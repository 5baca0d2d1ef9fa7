/**
 * The sandbox: a simulated X Ads API and OAuth 1.0a server over node:http, seeded with the
 * personas of personas.json. It is the service's default upstream, the double for every test
 * and the benchmark target. See types.ts for the contract.
 */
import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallCounters } from './call-counters.js';
import { createFaultList } from './faults.js';
import { createRequestHandler } from './handle-request.js';
import { createNonceStore } from './nonce-store.js';
import { loadWorld } from './personas.js';
import { createRateLimits } from './rate-limits.js';
import { createRequestTokenStore } from './request-tokens.js';
import type { SandboxState } from './sandbox-state.js';
import { createTokenRegistry } from './token-registry.js';
import type { Persona, Sandbox, SandboxOptions } from './types.js';

export type { Fault, Persona, Sandbox, SandboxEndpoint, SandboxOptions } from './types.js';

/** The sandbox's default OAuth consumer: public test values, not real X credentials. */
export const SANDBOX_CONSUMER = { key: 'sandbox-consumer-key', secret: 'sandbox-consumer-secret' };

/**
 * Loads the personas, listens, and resolves once the sandbox accepts connections. Rejects with
 * PersonasFileError for a bad personas file, or the listen error (e.g. EADDRINUSE).
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const world = await loadWorld(options.personasFile);
  const shutdown = new AbortController();
  // Every request waiting out latency listens for the close: many at once is normal here.
  setMaxListeners(0, shutdown.signal);
  const state: SandboxState = {
    version: options.version ?? '12',
    consumer: { ...(options.consumer ?? SANDBOX_CONSUMER) },
    checkSignatures: options.checkSignatures ?? true,
    now: options.now ?? Date.now,
    world,
    tokens: createTokenRegistry(world.personas),
    requestTokens: createRequestTokenStore(),
    nonces: createNonceStore(),
    rateLimits: createRateLimits({
      limits: options.rateLimits,
      windowMs: options.rateLimitWindowMs,
    }),
    faults: createFaultList(),
    calls: createCallCounters(),
    latency: { ...(options.latency ?? { baseMs: 0, jitterMs: 0 }) },
    closing: shutdown.signal,
  };

  const server = createServer(createRequestHandler(state));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      shutdown.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };
  return sandboxHandle(state, `http://${urlHost(host)}:${port}`, close);
}

function sandboxHandle(state: SandboxState, url: string, close: () => Promise<void>): Sandbox {
  const { world } = state;
  return {
    url,
    version: state.version,
    consumer: state.consumer,
    personas: world.personas,
    defaultPersona: world.defaultPersona,
    persona(key: string): Persona {
      const found = world.personas.find((p) => p.key === key);
      if (!found) throw new Error(`Unknown sandbox persona "${key}".`);
      return found;
    },
    calls: {
      count: (endpoint, accountId) => state.calls.count(endpoint, accountId),
      snapshot: () => state.calls.snapshot(),
      reset: () => state.calls.reset(),
    },
    faults: { add: (fault) => state.faults.add(fault), clear: () => state.faults.clear() },
    setLatency(latency) {
      state.latency = { ...latency };
    },
    revokeToken: (token) => state.tokens.revoke(token),
    resetRateLimits: () => state.rateLimits.reset(),
    close,
  };
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
