/**
 * The sign-in routes against a real sandbox on loopback and a real SQLite file in a temporary
 * folder, with a browser-like cookie jar, a controllable clock and every log line captured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseSetCookie } from 'cookie';
import { createAuthRoutes, type AuthRoutes } from '../../src/auth/routes.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { createOAuthClient, type OAuthClient } from '../../src/upstream/oauth.js';
import { newKeyText } from '../store/keys.js';

export const SERVICE = 'http://localhost:4000';

export interface Harness {
  readonly sandbox: Sandbox;
  readonly config: Config;
  readonly routes: AuthRoutes;
  readonly oauth: OAuthClient;
  store: Store;
  readonly dbPath: string;
  /** Every log line written so far. */
  readonly logs: string[];
  /** Every secret that crossed the OAuth client: token secrets, verifiers, Authorization headers. */
  readonly secrets: Set<string>;
  /** The clock shared by the routes and the store (epoch ms); move it forward in tests. */
  clock: number;
  browser(): Browser;
  /** Closes and reopens the store on the same file. */
  reopenStore(): void;
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const sandbox = await startSandbox();
  const dir = mkdtempSync(join(tmpdir(), 'xaa-auth-'));
  const dbPath = join(dir, 'store.db');
  const config = loadConfig({
    NODE_ENV: 'production',
    X_CONSUMER_KEY: sandbox.consumer.key,
    X_CONSUMER_SECRET: sandbox.consumer.secret,
    X_API_URL: sandbox.url,
    TOKEN_ENCRYPTION_KEY: newKeyText(),
    PUBLIC_URL: SERVICE,
    ...env,
  });
  const logs: string[] = [];
  const secrets = new Set<string>([sandbox.consumer.secret]);
  const logger = createLogger({ level: 'trace', destination: collect(logs) });
  const oauth = recordingClient(
    createOAuthClient({
      apiUrl: sandbox.url,
      consumerKey: sandbox.consumer.key,
      consumerSecret: sandbox.consumer.secret,
      timeoutMs: 2000,
      fetch: recordingFetch(secrets),
    }),
    secrets,
  );

  const harness: Harness = {
    sandbox,
    config,
    oauth,
    dbPath,
    logs,
    secrets,
    clock: Date.now(),
    store: undefined as unknown as Store,
    routes: async (request) => routes(request),
    browser: () => new Browser(harness),
    reopenStore() {
      harness.store.close();
      harness.store = open();
    },
    async close() {
      harness.store.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const open = () =>
    openStore({ path: dbPath, keys: config.encryptionKeys, now: () => harness.clock });
  harness.store = open();
  // The store may be reopened, so the routes read it through the harness on every request.
  const routes: AuthRoutes = (request) =>
    createAuthRoutes({ config, store: harness.store, oauth, logger, now: () => harness.clock })(
      request,
    );
  return harness;
}

function collect(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
}

/** Remembers the Authorization header (and its signature) of every upstream call. */
function recordingFetch(secrets: Set<string>): typeof globalThis.fetch {
  return async (input, init) => {
    const authorization = new Headers(init?.headers).get('authorization');
    if (authorization) {
      secrets.add(authorization);
      const signature = /oauth_signature="([^"]+)"/.exec(authorization)?.[1];
      if (signature) secrets.add(decodeURIComponent(signature));
    }
    return globalThis.fetch(input, init);
  };
}

/** Remembers every token secret and verifier passing through the client. */
function recordingClient(client: OAuthClient, secrets: Set<string>): OAuthClient {
  return {
    ...client,
    async requestToken(callback) {
      const token = await client.requestToken(callback);
      secrets.add(token.secret);
      return token;
    },
    async accessToken(requestToken, verifier) {
      secrets.add(verifier);
      const grant = await client.accessToken(requestToken, verifier);
      secrets.add(grant.secret);
      return grant;
    },
  };
}

interface JarCookie {
  value: string;
  path: string;
}

/** A browser: carries cookies between calls to the routes, never follows redirects. */
export class Browser {
  readonly cookies = new Map<string, JarCookie>();

  constructor(private readonly harness: Harness) {}

  /** Calls the routes with a real Request for `path` (or absolute URL) and keeps its cookies. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(path, SERVICE);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url.pathname);
    if (cookie) headers.set('cookie', cookie);
    const response = await this.harness.routes(new Request(url, { ...init, headers }));
    if (!response) throw new Error(`no auth route for ${url.pathname}`);
    for (const line of response.headers.getSetCookie()) this.keep(line);
    return response;
  }

  /** Sets a cookie as if an earlier response had (e.g. one planted by an attacker). */
  set(name: string, value: string, path = '/'): void {
    this.cookies.set(name, { value, path });
  }

  get(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  private keep(line: string): void {
    const cookie = parseSetCookie(line);
    if (cookie.value) this.harness.secrets.add(cookie.value);
    if (cookie.maxAge === 0 || !cookie.value) this.cookies.delete(cookie.name);
    else this.cookies.set(cookie.name, { value: cookie.value, path: cookie.path ?? '/' });
  }

  private cookieHeader(pathname: string): string {
    return [...this.cookies]
      .filter(([, cookie]) => pathname.startsWith(cookie.path))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');
  }
}

/**
 * The log lines that contain a recorded secret (consumer secret, token secrets, verifiers, PINs,
 * Authorization headers, signatures, cookie values) or an `OAuth ` header: none, always (O9).
 */
export function leakedLines(harness: Harness): string[] {
  const secrets = [...harness.secrets].filter((secret) => secret.length >= 4);
  return harness.logs.filter(
    (line) => line.includes('OAuth ') || secrets.some((secret) => line.includes(secret)),
  );
}

/** The attributes of the Set-Cookie line for `name`, lower-cased, e.g. `{ httponly: true }`. */
export function setCookie(response: Response, name: string): Record<string, string | true> {
  const line = response.headers.getSetCookie().find((entry) => entry.startsWith(`${name}=`));
  if (!line) throw new Error(`no Set-Cookie for ${name}`);
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  const result: Record<string, string | true> = { value: pair?.slice(name.length + 1) ?? '' };
  for (const attribute of attributes) {
    const [key, value] = attribute.split('=');
    if (key) result[key.toLowerCase()] = value ?? true;
  }
  return result;
}

/** The user on X's consent page: opens it, then approves as `persona` or cancels. */
export async function decideAtX(
  authorizeUrl: string,
  decision: { persona: string } | 'cancel',
): Promise<Response> {
  const page = await fetch(authorizeUrl);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const token = new URL(authorizeUrl).searchParams.get('oauth_token') ?? '';
  const fields: Record<string, string> =
    decision === 'cancel' ? { cancel: '1' } : { persona: decision.persona };
  return fetch(new URL('/oauth/authorize', authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ oauth_token: token, ...fields }).toString(),
    redirect: 'manual',
  });
}

/** Approves at X and returns the callback address X redirects the browser to. */
export async function approveAtX(authorizeUrl: string, persona: string): Promise<string> {
  const response = await decideAtX(authorizeUrl, { persona });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`X answered ${response.status}`);
  return location;
}

/** Approves an `oob` sign-in at X and returns the PIN X shows. */
export async function pinFromX(authorizeUrl: string, persona: string): Promise<string> {
  const response = await decideAtX(authorizeUrl, { persona });
  const pin = /<code id="oauth_pin">(\d+)<\/code>/.exec(await response.text())?.[1];
  if (!pin) throw new Error(`no PIN on X's page (status ${response.status})`);
  return pin;
}
