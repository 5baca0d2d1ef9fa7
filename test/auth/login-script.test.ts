import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSessionViewer } from '../../src/auth/session.js';
import { LoginError, pinLogin } from '../../scripts/login.js';
import { leakedLines, pinFromX, SERVICE, startHarness, type Harness } from './harness.js';

let h: Harness;
let printed: string[];

beforeEach(async () => {
  h = await startHarness();
  printed = [];
});

afterEach(async () => {
  expect(leakedLines(h)).toEqual([]);
  await h.close();
});

/** The service in-process: the script's fetch goes straight to the routes. */
const serviceFetch: typeof globalThis.fetch = async (input, init) => {
  const response = await h.routes(new Request(input, init));
  return response ?? new Response(null, { status: 404 });
};

/** The user: opens the printed address, approves at X as `persona`, types the PIN shown. */
function userApprovingAs(persona: string) {
  return async () => {
    const url = /https?:\/\/\S+\/oauth\/authorize\?\S+/.exec(printed.join(''))?.[0] ?? '';
    return `${await pinFromX(url, persona)}\n`;
  };
}

describe('npm run login -- --pin', () => {
  it('prints the address, reads the PIN and prints a working bearer token', async () => {
    const result = await pinLogin({
      serviceUrl: SERVICE,
      askPin: userApprovingAs('agency'),
      print: (text) => printed.push(text),
      fetch: serviceFetch,
    });

    const output = printed.join('');
    expect(result).toMatchObject({ userId: '1000000003', screenName: 'big_agency' });
    expect(output).toContain(`Authorization: Bearer ${result.sessionToken}`);
    expect(output).toContain('Signed in as @big_agency (user id 1000000003).');
    const request = new Request(`${SERVICE}/graphql`, {
      headers: { authorization: `Bearer ${result.sessionToken}` },
    });
    expect(await resolveSessionViewer(request, h.store)).toMatchObject({ userId: '1000000003' });
  });

  it('reports the service’s sentence when X refuses the PIN', async () => {
    const login = pinLogin({
      serviceUrl: SERVICE,
      askPin: async () => {
        await userApprovingAs('demo')();
        return '0000000';
      },
      print: (text) => printed.push(text),
      fetch: serviceFetch,
    });

    await expect(login).rejects.toThrow(LoginError);
    await expect(login).rejects.toThrow(
      'POST /auth/pin/complete failed with 400: X did not accept this PIN',
    );
  });

  it('refuses a PIN that is not digits without sending it', async () => {
    const login = pinLogin({
      serviceUrl: SERVICE,
      askPin: async () => 'abc',
      print: () => undefined,
      fetch: serviceFetch,
    });

    await expect(login).rejects.toThrow('The PIN is the digits X shows; nothing was sent.');
    expect(h.sandbox.calls.count('access_token')).toBe(0);
  });

  it('names the address when the service cannot be reached', async () => {
    const login = pinLogin({
      serviceUrl: 'http://127.0.0.1:9',
      askPin: async () => '1',
      print: () => undefined,
    });

    await expect(login).rejects.toThrow(
      /^Cannot reach the service at http:\/\/127\.0\.0\.1:9\/auth\/pin\/start/,
    );
  });
});
