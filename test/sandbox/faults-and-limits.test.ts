import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { getAs } from './signed-fetch.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimits: { authenticated_user_access: 2, accounts: 3 } });
});
afterEach(() => {
  sandbox.faults.clear();
  sandbox.calls.reset();
  sandbox.resetRateLimits();
});
afterAll(() => sandbox.close());

const access = (account: string, persona = 'demo') =>
  getAs(sandbox, persona, `accounts/${account}/authenticated_user_access`);

describe('faults', () => {
  it('forces a status with X’s error envelope for `times` requests, then answers normally', async () => {
    sandbox.faults.add({ endpoint: 'authenticated_user_access', status: 503, times: 1 });
    const failed = await access('gq12fh');
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ errors: [{ code: 'SERVICE_UNAVAILABLE' }] });
    expect((await access('gq12fh')).status).toBe(200);
    expect(sandbox.calls.count('authenticated_user_access', 'gq12fh')).toBe(2);
  });

  it('sends a raw body and extra headers', async () => {
    sandbox.faults.add({
      endpoint: 'accounts',
      status: 502,
      body: '<html><body>Bad gateway</body></html>',
      headers: { 'x-extra': 'yes' },
    });
    const response = await getAs(sandbox, 'demo', 'accounts');
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('x-extra')).toBe('yes');
    expect(await response.text()).toBe('<html><body>Bad gateway</body></html>');
  });

  it('sends a 200 with a raw JSON body in place of the real one', async () => {
    const body =
      '{"data":{"user_id":1000000001,"permissions":["NEW_ROLE"],"extra":1},"request":{"params":{}}}';
    sandbox.faults.add({ endpoint: 'authenticated_user_access', status: 200, body });
    const response = await access('gq12fh');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(body);
  });

  it('adds headers to the real answer when only headers are given', async () => {
    sandbox.faults.add({ endpoint: 'features', headers: { 'x-api-warn': 'deprecated' } });
    const response = await getAs(sandbox, 'demo', 'accounts/abc1/features');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-api-warn')).toBe('deprecated');
    expect(await response.json()).toMatchObject({
      data: ['AGE_TARGETING', 'VALIDATED_AGE_TARGETING'],
    });
  });

  it('answers 429 TOO_MANY_REQUESTS with both reset headers for rateLimited', async () => {
    const resetAt = new Date(Date.now() + 10 * 60_000);
    sandbox.faults.add({
      endpoint: 'authenticated_user_access',
      accountId: 'hkk5',
      rateLimited: { resetAt },
    });
    const limited = await access('hkk5');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ errors: [{ code: 'TOO_MANY_REQUESTS' }] });
    const reset = String(Math.ceil(resetAt.getTime() / 1000));
    expect(limited.headers.get('x-account-rate-limit-reset')).toBe(reset);
    expect(limited.headers.get('x-account-rate-limit-remaining')).toBe('0');
    expect(limited.headers.get('x-rate-limit-reset')).toBe(reset);
    expect((await access('gq12fh')).status).toBe(200);
  });

  it('scopes a fault to one token', async () => {
    sandbox.faults.add({ token: sandbox.persona('analyst').token, status: 500 });
    expect((await access('acme1', 'analyst')).status).toBe(500);
    expect((await access('acme1', 'advertiser')).status).toBe(200);
  });

  it('removes a fault through the function add returns', async () => {
    const remove = sandbox.faults.add({ status: 500 });
    expect((await access('gq12fh')).status).toBe(500);
    remove();
    expect((await access('gq12fh')).status).toBe(200);
  });

  it('hangs until the client aborts, and counts the call', async () => {
    sandbox.faults.add({ endpoint: 'accounts', hang: true });
    const controller = new AbortController();
    const pending = getAs(sandbox, 'demo', 'accounts', undefined, controller.signal);
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
    expect(sandbox.calls.count('accounts')).toBe(1);
  });

  it('resets the connection', async () => {
    sandbox.faults.add({ endpoint: 'accounts', reset: true, times: 1 });
    await expect(getAs(sandbox, 'demo', 'accounts')).rejects.toThrow(TypeError);
    expect((await getAs(sandbox, 'demo', 'accounts')).status).toBe(200);
  });

  it('sends headers at once and trickles the complete real body in several chunks', async () => {
    sandbox.faults.add({ endpoint: 'account', slowBody: { chunkDelayMs: 20 } });
    const response = await getAs(sandbox, 'demo', 'accounts/gq12fh');
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
      chunks.push(read.value);
    }
    expect(chunks.length).toBeGreaterThan(1);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(JSON.parse(text)).toMatchObject({ data: { id: 'gq12fh', name: 'Demo Marketer Shop' } });
  });

  it('refuses a malformed fault', () => {
    expect(() => sandbox.faults.add({ times: 0 })).toThrow(TypeError);
    expect(() => sandbox.faults.add({ status: 99 })).toThrow(TypeError);
  });
});

describe('rate limits', () => {
  it('spends a per-account pool and answers 429 once it is empty', async () => {
    const first = await access('gq12fh');
    expect(first.headers.get('x-account-rate-limit-limit')).toBe('2');
    expect(first.headers.get('x-account-rate-limit-remaining')).toBe('1');
    const second = await access('gq12fh');
    expect(second.headers.get('x-account-rate-limit-remaining')).toBe('0');
    const third = await access('gq12fh');
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({ errors: [{ code: 'TOO_MANY_REQUESTS' }] });
    expect(Number(third.headers.get('x-account-rate-limit-reset'))).toBeGreaterThan(
      Date.now() / 1000,
    );
    expect((await access('hkk5')).status).toBe(200);
    expect((await access('gq180y', 'demo')).status).toBe(200);
    expect(sandbox.calls.count('authenticated_user_access', 'gq12fh')).toBe(3);
  });

  it('keeps separate pools per token', async () => {
    await access('acme1', 'advertiser');
    await access('acme1', 'advertiser');
    expect((await access('acme1', 'advertiser')).status).toBe(429);
    expect((await access('acme1', 'analyst')).status).toBe(200);
  });

  it('uses the per-token pool on GET accounts, and reopens after resetRateLimits', async () => {
    for (let i = 0; i < 3; i++) expect((await getAs(sandbox, 'demo', 'accounts')).status).toBe(200);
    const limited = await getAs(sandbox, 'demo', 'accounts');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(limited.headers.get('x-account-rate-limit-limit')).toBeNull();
    sandbox.resetRateLimits();
    expect((await getAs(sandbox, 'demo', 'accounts')).status).toBe(200);
  });

  it('reopens a window once it has passed', async () => {
    let now = Date.now();
    const local = await startSandbox({
      rateLimits: { features: 1 },
      rateLimitWindowMs: 60_000,
      now: () => now,
    });
    try {
      expect((await getAs(local, 'demo', 'accounts/abc1/features')).status).toBe(200);
      expect((await getAs(local, 'demo', 'accounts/abc1/features')).status).toBe(429);
      now += 61_000;
      // The signer uses the real clock; stay inside the five-minute tolerance.
      expect((await getAs(local, 'demo', 'accounts/abc1/features')).status).toBe(200);
    } finally {
      await local.close();
    }
  });
});

describe('call counters', () => {
  it('counts per endpoint and account, totals only the Ads API, and resets', async () => {
    await access('gq12fh');
    await getAs(sandbox, 'demo', 'accounts');
    await fetch(`${sandbox.url}/nowhere`);
    await fetch(`${sandbox.url}/oauth/request_token`, { method: 'POST' });
    expect(sandbox.calls.count()).toBe(2);
    expect(sandbox.calls.count(undefined, 'gq12fh')).toBe(1);
    expect(sandbox.calls.snapshot()).toMatchObject({
      accounts: 1,
      authenticated_user_access: 1,
      unknown: 1,
      request_token: 1,
    });
    sandbox.calls.reset();
    expect(sandbox.calls.count()).toBe(0);
  });
});

describe('latency', () => {
  it('answers normally with latency, jitter and a delay fault set', async () => {
    sandbox.setLatency({ baseMs: 10, jitterMs: 5 });
    sandbox.faults.add({ endpoint: 'features', delayMs: 10, times: 1 });
    try {
      const response = await getAs(sandbox, 'demo', 'accounts/abc1/features');
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        data: ['AGE_TARGETING', 'VALIDATED_AGE_TARGETING'],
      });
    } finally {
      sandbox.setLatency({ baseMs: 0, jitterMs: 0 });
    }
  });
});

describe('close', () => {
  it('ends requests waiting out their latency', async () => {
    const local = await startSandbox({ latency: { baseMs: 60_000, jitterMs: 0 } });
    const pending = getAs(local, 'demo', 'accounts');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await local.close();
    await expect(pending).rejects.toThrow();
    expect(local.calls.count('accounts')).toBe(1);
  });

  it('ends hanging requests', async () => {
    const local = await startSandbox();
    local.faults.add({ hang: true });
    const pending = getAs(local, 'demo', 'accounts');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await local.close();
    await expect(pending).rejects.toThrow();
  });
});
