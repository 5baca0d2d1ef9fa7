/**
 * What `npm run sandbox` needs besides the sandbox itself: reading SANDBOX_PORT and the start-up
 * text telling a developer how to use the running sandbox. The credentials printed are the
 * sandbox's public test values, never real X secrets.
 */
import type { Sandbox } from './types.js';

export const DEFAULT_SANDBOX_PORT = 4010;

/** Returns the port from SANDBOX_PORT (default 4010); throws Error naming the variable if bad. */
export function sandboxPortFrom(env: NodeJS.ProcessEnv): number {
  const raw = env['SANDBOX_PORT'];
  if (raw === undefined || raw.trim() === '') return DEFAULT_SANDBOX_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port < 1 || port > 65535) {
    throw new Error(`SANDBOX_PORT must be a port number from 1 to 65535, got "${raw}".`);
  }
  return port;
}

/** Returns the multi-line start-up text: URL, consumer, personas and how to point a client. */
export function sandboxBanner(sandbox: Sandbox): string {
  const { url, version, consumer, personas, defaultPersona } = sandbox;
  const personaLines = personas.map((p) =>
    [
      `  ${p.key.padEnd(11)} @${p.screenName} (user ${p.userId}, ${p.accessLevel})`,
      `              token        ${p.token}`,
      `              token secret ${p.tokenSecret}`,
    ].join('\n'),
  );
  return [
    `X Ads API sandbox listening on ${url}`,
    `  Ads API:  ${url}/${version}/accounts ...`,
    `  OAuth:    ${url}/oauth/request_token, /oauth/authorize, /oauth/access_token`,
    '',
    `Consumer key     ${consumer.key}`,
    `Consumer secret  ${consumer.secret}`,
    '',
    `Personas (default: ${defaultPersona.key}):`,
    ...personaLines,
    '',
    'Point the service at it, signed in as the default persona:',
    `  X_ADS_API_URL=${url} X_API_URL=${url} X_CONSUMER_KEY=${consumer.key} \\`,
    `  X_CONSUMER_SECRET=${consumer.secret} X_ACCESS_TOKEN=${defaultPersona.token} \\`,
    `  X_ACCESS_TOKEN_SECRET=${defaultPersona.tokenSecret} npm start`,
    `Any OAuth 1.0a (HMAC-SHA1) client works with base URL ${url}/${version} and the values above.`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
