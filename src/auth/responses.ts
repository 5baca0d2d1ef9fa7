/**
 * The responses of the sign-in routes: small HTML pages (every value escaped, no script), JSON and
 * redirects. None is ever cached.
 */
import { escapeHtml } from '../escape-html.js';

export { escapeHtml };

export interface PageLink {
  readonly href: string;
  readonly text: string;
}

export interface PageOptions {
  readonly status: number;
  readonly title: string;
  /** One sentence shown under the title. */
  readonly message: string;
  readonly link?: PageLink;
  readonly headers?: Headers;
}

/** Returns an HTML response with the title, the sentence and an optional link. */
export function htmlPage(options: PageOptions): Response {
  const link = options.link
    ? `<p><a href="${escapeHtml(options.link.href)}">${escapeHtml(options.link.text)}</a></p>`
    : '';
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title></head>
<body>
<h1>${escapeHtml(options.title)}</h1>
<p>${escapeHtml(options.message)}</p>
${link}
</body>
</html>
`;
  const headers = new Headers(options.headers);
  headers.set('content-type', 'text/html; charset=utf-8');
  headers.set('content-security-policy', "default-src 'none'");
  return new Response(body, { status: options.status, headers: withNoStore(headers) });
}

/** A JSON response that is never cached. */
export function jsonResponse(status: number, body: unknown, headers?: Headers): Response {
  const all = new Headers(headers);
  all.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { status, headers: withNoStore(all) });
}

/** A 302 to `location` (absolute or a local path). */
export function redirect(location: string, headers?: Headers): Response {
  const all = new Headers(headers);
  all.set('location', location);
  return new Response(null, { status: 302, headers: withNoStore(all) });
}

function withNoStore(headers: Headers): Headers {
  headers.set('cache-control', 'no-store');
  headers.set('x-content-type-options', 'nosniff');
  headers.set('referrer-policy', 'no-referrer');
  return headers;
}
