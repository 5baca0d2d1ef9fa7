/**
 * The real service, in-process, against a real sandbox on loopback and a real SQLite file in a
 * temporary folder: `app.fetch` drives the whole HTTP surface without a port.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app.js';
import { createAuthRoutes } from '../../src/auth/routes.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import {
  createServices,
  pointAtSandbox,
  sandboxPersonas,
  type Services,
} from '../../src/services.js';

export interface TestService {
  readonly sandbox: Sandbox;
  /** The current instance's parts; `restart()` replaces them. */
  readonly services: Services;
  readonly config: Config;
  readonly app: ReturnType<typeof createApp>;
  /** Stops this instance (closing its store) and starts a new one on the same database file. */
  restart(): Promise<void>;
  /** Every log line written so far, as text. */
  readonly logs: string[];
  /** POSTs a GraphQL query to /graphql and returns the parsed body. */
  graphql(query: string, options?: GraphQLOptions): Promise<GraphQLBody>;
  close(): Promise<void>;
}

export interface GraphQLOptions {
  readonly variables?: Record<string, unknown>;
  readonly persona?: string;
  readonly headers?: Record<string, string>;
}

export interface GraphQLError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: GraphQLError[];
}

export interface TestServiceOptions {
  readonly sandbox?: SandboxOptions;
  /** Extra environment; by default the service runs in sandbox mode. */
  readonly env?: Record<string, string>;
  /** Runs as a deployed service (multi-user mode) against the sandbox as if it were X. */
  readonly multiUser?: boolean;
  readonly upstreamRetries?: number;
}

export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const sandbox = await startSandbox(options.sandbox);
  const dir = mkdtempSync(join(tmpdir(), 'x-ads-access-'));
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: `sqlite:${join(dir, 'test.db')}`,
    ...(options.multiUser ? asDeployedAgainst(sandbox) : {}),
    ...options.env,
  };
  const loaded = loadConfig(env);
  const config = loaded.mode === 'sandbox' ? pointAtSandbox(loaded, sandbox) : loaded;
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'trace', destination });
  const build = () => {
    const services = createServices(config, {
      logger,
      ...(config.mode === 'sandbox' ? { personas: sandboxPersonas(sandbox) } : {}),
      ...(options.upstreamRetries !== undefined
        ? { upstreamRetries: options.upstreamRetries }
        : {}),
    });
    const app = createApp(services, {
      auth: createAuthRoutes({ config, store: services.store, oauth: services.oauth, logger }),
      upstreamReady: async () => true,
    });
    return { services, app };
  };
  let current = build();

  return {
    sandbox,
    config,
    logs,
    get services() {
      return current.services;
    },
    get app() {
      return current.app;
    },
    async restart() {
      await current.services.close();
      current = build();
    },
    async graphql(query, { variables, persona, headers } = {}) {
      const response = await current.app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(persona ? { 'x-sandbox-persona': persona } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLBody;
    },
    async close() {
      await current.services.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
      assertNoSecretsLogged(logs, sandbox, config);
    },
  };
}

/**
 * O9 for every test that uses this service: no log line holds the consumer secret, a persona's
 * token secret, an encryption key or an OAuth Authorization header.
 */
function assertNoSecretsLogged(logs: readonly string[], sandbox: Sandbox, config: Config): void {
  const secrets = [
    sandbox.consumer.secret,
    ...sandbox.personas.map((persona) => persona.tokenSecret),
    ...config.encryptionKeys.map((key) => key.key.toString('base64')),
  ];
  const leaked = logs.filter(
    (line) => line.includes('OAuth oauth_') || secrets.some((secret) => line.includes(secret)),
  );
  if (leaked.length > 0) {
    throw new Error(`${leaked.length} log line(s) hold a secret, e.g. ${leaked[0]?.slice(0, 200)}`);
  }
}

/** The environment of a deployed service whose "X" is the sandbox. */
function asDeployedAgainst(sandbox: Sandbox): Record<string, string> {
  return {
    X_CONSUMER_KEY: sandbox.consumer.key,
    X_CONSUMER_SECRET: sandbox.consumer.secret,
    X_ADS_API_URL: sandbox.url,
    X_API_URL: sandbox.url,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PUBLIC_URL: 'http://localhost:4000',
  };
}

/** The capability matrix a dashboard sends for accounts given by id. */
export const MATRIX_BY_IDS = /* GraphQL */ `
  query Matrix($ids: [ID!]!) {
    adAccounts(ids: $ids) {
      id
      name
      access {
        role
        permissions
        tweetComposer
      }
      capabilities {
        feature
        status
        allowed
        reason
        blockedBy
        grantedBy
        retryAfter
        checkedAt
        source
        stale
        errorCode
      }
    }
  }
`;

export interface CapabilityRow {
  feature: string;
  status: string;
  allowed: boolean;
  reason: string;
  blockedBy: string[];
  grantedBy: string[];
  retryAfter: string | null;
  checkedAt: string;
  source: string;
  stale: boolean;
  errorCode: string | null;
}

export interface MatrixAccount {
  id: string;
  name: string;
  access: { role: string | null; permissions: string[]; tweetComposer: boolean } | null;
  capabilities: CapabilityRow[];
}

/** The capability of `feature` on account `id` in a matrix answer; throws when absent. */
export function cell(
  accounts: Array<MatrixAccount | null>,
  id: string,
  feature: string,
): CapabilityRow {
  const account = accounts.find((candidate) => candidate?.id === id);
  const found = account?.capabilities.find((row) => row.feature === feature);
  if (!found) throw new Error(`no ${feature} cell for account ${id}`);
  return found;
}
