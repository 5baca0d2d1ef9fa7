/**
 * A browser-like client for the whole sign-in: it calls the service in-process (`app.fetch`) and
 * the sandbox's pages over loopback, follows no redirects by itself, and keeps the service's
 * cookies like a browser would.
 */
import { parseSetCookie } from 'cookie';
import type { TestService } from './test-service.js';

export const SERVICE_ORIGIN = 'http://localhost:4000';

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly service: TestService) {}

  /** A request to the service; keeps its cookies. */
  async visit(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie) headers.set('cookie', cookie);
    const response = await this.service.app.fetch(new URL(url, SERVICE_ORIGIN), {
      ...init,
      headers,
    });
    for (const line of response.headers.getSetCookie()) {
      const parsed = parseSetCookie(line);
      if (parsed.maxAge === 0 || !parsed.value) this.cookies.delete(parsed.name);
      else this.cookies.set(parsed.name, parsed.value);
    }
    return response;
  }

  /** Signs in through X's (the sandbox's) consent page as `persona`; returns the final redirect. */
  async signIn(persona: string, returnTo = '/'): Promise<Response> {
    const login = await this.visit(`/auth/x/login?returnTo=${encodeURIComponent(returnTo)}`);
    const authorizeUrl = location(login);
    const page = await (await fetch(authorizeUrl)).text();
    const requestToken = /name="oauth_token" value="([^"]+)"/.exec(page)?.[1];
    if (!requestToken) throw new Error('the consent page has no oauth_token field');
    const approve = await fetch(new URL('/oauth/authorize', authorizeUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ oauth_token: requestToken, persona }).toString(),
      redirect: 'manual',
    });
    return this.visit(location(approve));
  }

  /** A GraphQL request carrying this browser's cookies, as a same-origin page would send it. */
  async graphql(
    query: string,
  ): Promise<{
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  }> {
    const response = await this.visit('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SERVICE_ORIGIN },
      body: JSON.stringify({ query }),
    });
    return response.json() as Promise<{
      data?: Record<string, unknown> | null;
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    }>;
  }
}

export function location(response: Response): string {
  const target = response.headers.get('location');
  if (response.status !== 302 || !target) {
    throw new Error(`expected a redirect, got ${response.status}`);
  }
  return new URL(target, SERVICE_ORIGIN).toString();
}
