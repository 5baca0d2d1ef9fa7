/**
 * The systems under test, wired as `test/support/test-service.ts` wires them: the sandbox on
 * loopback with injected latency and signature checks, and the real service built in-process
 * (loadConfig → pointAtSandbox → createServices → createApp) with a silent logger and a temporary
 * SQLite file, also served over loopback HTTP for autocannon.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { createAuthRoutes } from '../src/auth/routes.js';
import type { Viewer } from '../src/auth/viewer.js';
import { loadConfig } from '../src/config.js';
import { userKeyOf } from '../src/context.js';
import { createLogger } from '../src/logger.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { createServices, pointAtSandbox, sandboxPersonas, type Services } from '../src/services.js';
import { personaViewer } from '../src/auth/identity.js';
import { ADS_ENDPOINTS } from './lower-bound.js';

export type App = ReturnType<typeof createApp>;

/** Calls per endpoint per window: far above anything the bench sends, so limits never bind. */
const UNBINDING_LIMIT = 100_000_000;

export interface BenchSandboxOptions {
  readonly personasFile: string;
  readonly latency: { readonly baseMs: number; readonly jitterMs: number };
}

/** Starts the sandbox with signature checks on and rate limits that do not bind. */
export function startBenchSandbox(options: BenchSandboxOptions): Promise<Sandbox> {
  return startSandbox({
    personasFile: options.personasFile,
    checkSignatures: true,
    latency: { ...options.latency },
    rateLimits: Object.fromEntries(ADS_ENDPOINTS.map((endpoint) => [endpoint, UNBINDING_LIMIT])),
  });
}

export interface ServiceUnderTest {
  readonly services: Services;
  readonly app: App;
  /** `http://127.0.0.1:PORT` of the same app served by node:http. */
  readonly origin: string;
  /** The cache key of a sandbox persona's user. */
  userKey(persona: string): string;
  /** Forgets every cached fact of the persona's user; the next query is cold. */
  purge(persona: string): void;
  close(): Promise<void>;
}

/**
 * Builds the real service against `sandbox`; `env` adds environment (e.g. CACHE_TTL_*). Rejects
 * with ConfigError for a bad variable, or the listen error.
 */
export async function startService(
  sandbox: Sandbox,
  env: Readonly<Record<string, string>> = {},
): Promise<ServiceUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'x-ads-access-bench-'));
  try {
    return await buildService(sandbox, env, dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function buildService(
  sandbox: Sandbox,
  env: Readonly<Record<string, string>>,
  dir: string,
): Promise<ServiceUnderTest> {
  const loaded = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
    ...env,
  });
  const config = pointAtSandbox(loaded, sandbox);
  const logger = createLogger({ level: 'silent' });
  const services = createServices(config, { logger, personas: sandboxPersonas(sandbox) });
  const app = createApp(services, {
    auth: createAuthRoutes({ config, store: services.store, oauth: services.oauth, logger }),
    upstreamReady: async () => true,
  });
  const server = await listen(app);
  const userKey = (persona: string) => userKeyOf(viewerOf(sandbox, persona));

  return {
    services,
    app,
    origin: originOf(server),
    userKey,
    purge: (persona) => void services.cache.purgeUser(userKey(persona)),
    async close() {
      await closeServer(server);
      await services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Serves a fetch-style handler on a free loopback port. */
export async function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return server;
}

export function originOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function viewerOf(sandbox: Sandbox, key: string): Viewer {
  return personaViewer(sandbox.persona(key));
}
