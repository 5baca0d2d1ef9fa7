/**
 * CORS for /graphql. Left alone, yoga answers any `Origin` with itself and
 * `Access-Control-Allow-Credentials: true`; here only the origins listed in `CORS_ORIGINS` get
 * CORS headers (with credentials), and every other origin gets none, so its browser keeps the
 * answer from the calling page. Same-origin pages need no CORS at all.
 */
import type { CORSOptions } from '@whatwg-node/server';
import { SANDBOX_PERSONA_HEADER } from '../auth/identity.js';
import { CSRF_HEADER } from './csrf.js';
import { REQUEST_ID_HEADER } from './request-id.js';

/** Request headers a listed origin may send (the persona header matters in sandbox mode only). */
const ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  REQUEST_ID_HEADER,
  CSRF_HEADER,
  SANDBOX_PERSONA_HEADER,
];

/** Returns yoga's `cors` option for `allowedOrigins` (exact origins like https://app.example). */
export function corsPolicy(allowedOrigins: readonly string[]): (request: Request) => CORSOptions {
  const allowed = new Set(allowedOrigins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    return {
      origin: [origin],
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: [REQUEST_ID_HEADER],
      maxAge: 600,
    };
  };
}
