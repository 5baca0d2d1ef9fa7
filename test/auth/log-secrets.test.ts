import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveAtX,
  decideAtX,
  leakedLines,
  pinFromX,
  startHarness,
  type Harness,
} from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

async function runEveryFlow(): Promise<void> {
  const browser = h.browser();
  const login = await browser.request('/auth/x/login?returnTo=/x');
  await browser.request(await approveAtX(login.headers.get('location') ?? '', 'demo'));

  const cancelled = await h.browser().request('/auth/x/login');
  const cancel = await decideAtX(cancelled.headers.get('location') ?? '', 'cancel');
  await h.browser().request(cancel.headers.get('location') ?? '');

  const refused = h.browser();
  const refusedLogin = await refused.request('/auth/x/login');
  const callback = new URL(await approveAtX(refusedLogin.headers.get('location') ?? '', 'analyst'));
  callback.searchParams.set('oauth_verifier', '9999999');
  await refused.request(callback.toString());

  const started = (await (
    await h.browser().request('/auth/pin/start', { method: 'POST' })
  ).json()) as {
    flowId: string;
    authorizeUrl: string;
  };
  const pin = await pinFromX(started.authorizeUrl, 'advertiser');
  await h.browser().request('/auth/pin/complete', {
    method: 'POST',
    body: JSON.stringify({ flowId: started.flowId, pin }),
  });

  h.sandbox.faults.add({ endpoint: 'invalidate_token', status: 500, times: 1 });
  await browser.request('/auth/logout', { method: 'POST' });
}

describe('logs of the sign-in routes (O9)', () => {
  it('never contain the consumer secret, a token secret, a verifier, a PIN or an Authorization header', async () => {
    await runEveryFlow();

    expect(h.logs.length).toBeGreaterThan(5);
    expect(h.secrets.size).toBeGreaterThan(10);
    expect(h.secrets.has(h.sandbox.consumer.secret)).toBe(true);
    expect(leakedLines(h)).toEqual([]);
  });

  it('reports a line holding a recorded secret, so the check above can fail', () => {
    const [secret] = [...h.secrets];
    h.logs.push(JSON.stringify({ msg: `oops ${secret}` }));

    expect(leakedLines(h)).toHaveLength(1);
    h.logs.pop();
  });
});
