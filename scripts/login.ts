/**
 * `npm run login -- --pin [--url http://localhost:4000]`: signs in with X from a terminal through
 * the service's PIN flow and prints a session token for `Authorization: Bearer …`.
 * The service URL defaults to SERVICE_URL, then http://localhost:4000.
 */
import { createInterface } from 'node:readline/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export interface PinLoginOptions {
  readonly serviceUrl: string;
  /** Shows `prompt` and resolves the line the user typed. */
  readonly askPin: (prompt: string) => Promise<string>;
  /** Writes text for the user (instructions and the result). */
  readonly print: (text: string) => void;
  readonly fetch?: typeof globalThis.fetch;
}

export interface PinLoginResult {
  readonly sessionToken: string;
  readonly userId: string;
  readonly screenName: string;
}

/** A step of the login failed; the message is one sentence for the user. */
export class LoginError extends Error {
  override name = 'LoginError';
}

/**
 * Runs the PIN flow against the service: start, show the URL, read the PIN, complete.
 * Resolves the session; rejects with `LoginError` naming the failed step.
 */
export async function pinLogin(options: PinLoginOptions): Promise<PinLoginResult> {
  const start = await post(options, '/auth/pin/start', {});
  const flowId = text(start, 'flowId');
  const authorizeUrl = text(start, 'authorizeUrl');
  options.print(
    `Open this address in a browser, sign in to X and authorize the app:\n\n  ${authorizeUrl}\n\n`,
  );

  const pin = (await options.askPin('Enter the PIN X shows: ')).trim();
  if (!/^\d+$/.test(pin)) throw new LoginError('The PIN is the digits X shows; nothing was sent.');
  const done = await post(options, '/auth/pin/complete', { flowId, pin });
  const result = {
    sessionToken: text(done, 'sessionToken'),
    userId: text(done, 'userId'),
    screenName: text(done, 'screenName'),
  };
  options.print(usage(options.serviceUrl, result));
  return result;
}

async function post(
  options: PinLoginOptions,
  path: string,
  body: object,
): Promise<Record<string, unknown>> {
  const url = `${options.serviceUrl.replace(/\/+$/, '')}${path}`;
  let response: Response;
  try {
    response = await (options.fetch ?? globalThis.fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LoginError(`Cannot reach the service at ${url} (${reason}); is it running?`);
  }
  const answer = await readJson(response);
  if (!response.ok) {
    const said = typeof answer['error'] === 'string' ? `: ${answer['error']}` : '.';
    throw new LoginError(`POST ${path} failed with ${response.status}${said}`);
  }
  return answer;
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null) return body as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new LoginError(`The service answered ${response.status} without a JSON body.`);
}

function text(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') {
    throw new LoginError(`The service's answer has no ${key}.`);
  }
  return value;
}

function usage(serviceUrl: string, result: PinLoginResult): string {
  const header = `Authorization: Bearer ${result.sessionToken}`;
  return [
    `Signed in as @${result.screenName} (user id ${result.userId}).`,
    '',
    'Session token (keep it secret; valid for 30 days):',
    `  ${result.sessionToken}`,
    '',
    'Send it with every request:',
    `  ${header}`,
    '',
    'For example:',
    `  curl -H '${header}' -H 'content-type: application/json' \\`,
    `    -d '{"query":"{ me { id screenName } }"}' ${serviceUrl.replace(/\/+$/, '')}/graphql`,
    '',
  ].join('\n');
}

const HELP = `Usage: npm run login -- --pin [--url http://localhost:4000]

Signs in with X through the service's PIN flow and prints a session token.
  --pin        use the PIN flow (the only flow a terminal can use)
  --url URL    the service's address (default: SERVICE_URL, then http://localhost:4000)
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      pin: { type: 'boolean', default: false },
      url: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.pin) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const serviceUrl = values.url ?? process.env['SERVICE_URL'] ?? 'http://localhost:4000';
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    await pinLogin({
      serviceUrl,
      askPin: (prompt) => terminal.question(prompt),
      print: (output) => process.stdout.write(output),
    });
    return 0;
  } catch (error) {
    const message = error instanceof LoginError ? error.message : 'Unexpected error.';
    process.stderr.write(`Login failed: ${message}\n`);
    return 1;
  } finally {
    terminal.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Login failed: ${error instanceof Error ? error.message : error}\n`);
      process.exit(1);
    },
  );
}
