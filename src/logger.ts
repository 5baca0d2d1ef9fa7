/**
 * The one logger of the service: structured JSON lines through pino, injected from `main.ts` into
 * everything that logs. Known secret-bearing keys are redacted wherever they appear, as a second
 * line of defence: callers still never pass tokens, secrets, verifiers or headers.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

const REDACTED_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'secret',
  'tokenSecret',
  'token_secret',
  'oauth_token_secret',
  'consumerSecret',
  'oauth_verifier',
  'verifier',
  'pin',
  'sessionId',
];

/** Creates the service logger; `destination` lets tests capture every line. */
export function createLogger(options: {
  level: LogLevel;
  destination?: DestinationStream;
}): Logger {
  const paths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);
  return pino(
    {
      level: options.level,
      base: { service: 'x-ads-access' },
      redact: { paths, censor: '[redacted]' },
    },
    options.destination,
  );
}
