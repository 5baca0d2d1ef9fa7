import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { describe, expect, it } from 'vitest';
import { decodeParams, encodeParams, percentEncode } from '../../src/upstream/percent-encode.js';
import { baseStringUri, createSigner, toSigningRequest } from '../../src/upstream/sign-request.js';

/** X's worked example ("Creating a signature"). */
const X_EXAMPLE = {
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  token: {
    token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
    secret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  },
  nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
  timestampMs: 1318622958 * 1000,
  status: 'Hello Ladies + Gentlemen, a signed OAuth request!',
};

function exampleSigner() {
  return createSigner({
    consumerKey: X_EXAMPLE.consumerKey,
    consumerSecret: X_EXAMPLE.consumerSecret,
    nonce: () => X_EXAMPLE.nonce,
    now: () => X_EXAMPLE.timestampMs,
  });
}

/** Parses `OAuth k="v", …` into decoded values. */
function headerParams(header: string): Record<string, string> {
  expect(header.startsWith('OAuth ')).toBe(true);
  const params: Record<string, string> = {};
  for (const part of header.slice('OAuth '.length).split(', ')) {
    const match = /^([^=]+)="([^"]*)"$/.exec(part);
    expect(match).not.toBeNull();
    if (match?.[1] !== undefined && match[2] !== undefined) {
      params[decodeURIComponent(match[1])] = decodeURIComponent(match[2]);
    }
  }
  return params;
}

function signExample(host: string): Record<string, string> {
  const header = exampleSigner().authorization({
    method: 'post',
    url: `https://${host}/1.1/statuses/update.json?include_entities=true`,
    token: X_EXAMPLE.token,
    bodyParams: { status: X_EXAMPLE.status },
  });
  return headerParams(header);
}

describe('percentEncode', () => {
  it('encodes everything outside the unreserved set with upper-case hex', () => {
    expect(percentEncode("AZaz09-._~!*'() ,+/=:?#[]@$&;%")).toBe(
      'AZaz09-._~%21%2A%27%28%29%20%2C%2B%2F%3D%3A%3F%23%5B%5D%40%24%26%3B%25',
    );
  });

  it('encodes non-ASCII as UTF-8 bytes and a lone surrogate as U+FFFD', () => {
    expect(percentEncode('café ☃ 😀')).toBe('caf%C3%A9%20%E2%98%83%20%F0%9F%98%80');
    expect(percentEncode('a\uD800b')).toBe('a%EF%BF%BDb');
  });

  it('round-trips pairs through encodeParams and decodeParams', () => {
    const pairs: [string, string][] = [
      ['q', "it's (a) *test*, ok: 1+1=2 ~/ é"],
      ['account_ids', 'gq12fh,hkk5'],
      ['empty', ''],
    ];
    expect(decodeParams(encodeParams(pairs))).toEqual(pairs);
  });
});

describe('createSigner', () => {
  it("O1: reproduces X's worked example for api.x.com", () => {
    const params = signExample('api.x.com');
    expect(params.oauth_signature).toBe('Ls93hJiZbQ3akF3HF3x1Bz8/zU4=');
  });

  it("O1: reproduces X's worked example for api.twitter.com", () => {
    const params = signExample('api.twitter.com');
    expect(params.oauth_signature).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it('sends exactly the seven protocol parameters of the example, percent-encoded', () => {
    const header = exampleSigner().authorization({
      method: 'POST',
      url: 'https://api.x.com/1.1/statuses/update.json?include_entities=true',
      token: X_EXAMPLE.token,
      bodyParams: { status: X_EXAMPLE.status },
    });
    expect(header).toContain('oauth_signature="Ls93hJiZbQ3akF3HF3x1Bz8%2FzU4%3D"');
    expect(Object.keys(headerParams(header)).sort()).toEqual([
      'oauth_consumer_key',
      'oauth_nonce',
      'oauth_signature',
      'oauth_signature_method',
      'oauth_timestamp',
      'oauth_token',
      'oauth_version',
    ]);
  });

  it('signs with the host lower-cased and the default port dropped', () => {
    const params = signExample('API.X.COM:443');
    expect(params.oauth_signature).toBe('Ls93hJiZbQ3akF3HF3x1Bz8/zU4=');
  });

  it('O1: uses HMAC-SHA1 and never puts a secret in the header', () => {
    const header = createSigner({
      consumerKey: 'ck',
      consumerSecret: 'consumer-secret',
    }).authorization({
      method: 'GET',
      url: 'https://ads-api.x.com/12/accounts',
      token: { token: 'tk', secret: 'token-secret' },
    });
    const params = headerParams(header);
    expect(params.oauth_signature_method).toBe('HMAC-SHA1');
    expect(params.oauth_signature).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(header).not.toContain('consumer-secret');
    expect(header).not.toContain('token-secret');
  });

  it('O1: draws a different nonce of 64 hex characters (32 random bytes) for every request', () => {
    const signer = createSigner({ consumerKey: 'ck', consumerSecret: 'cs' });
    const nonces = new Set<string>();
    for (let i = 0; i < 50; i += 1) {
      const header = signer.authorization({ method: 'GET', url: 'https://x.test/', token: null });
      const nonce = headerParams(header).oauth_nonce ?? '';
      expect(nonce).toMatch(/^[0-9a-f]{64}$/);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(50);
  });

  it('signs and sends extra OAuth parameters and omits oauth_token when there is no token', () => {
    const header = createSigner({ consumerKey: 'ck', consumerSecret: 'cs' }).authorization({
      method: 'POST',
      url: 'https://api.x.com/oauth/request_token',
      token: null,
      oauthParams: { oauth_callback: 'http://localhost:4000/auth/callback?a=1' },
    });
    const params = headerParams(header);
    expect(params.oauth_callback).toBe('http://localhost:4000/auth/callback?a=1');
    expect(params.oauth_token).toBeUndefined();
    expect(header).toContain(
      'oauth_callback="http%3A%2F%2Flocalhost%3A4000%2Fauth%2Fcallback%3Fa%3D1"',
    );
  });

  it('refuses to let the caller set a protocol parameter', () => {
    const signer = createSigner({ consumerKey: 'ck', consumerSecret: 'cs' });
    expect(() =>
      signer.authorization({
        method: 'GET',
        url: 'https://x.test/',
        token: null,
        oauthParams: { oauth_signature_method: 'PLAINTEXT' },
      }),
    ).toThrow(TypeError);
  });

  it('matches an independent HMAC-SHA1 over the RFC 5849 base string for awkward values', () => {
    const q = "Café !*'() ,+/=~: ☃";
    const url = `https://ads-api.x.com/12/accounts?${encodeParams([
      ['account_ids', 'gq12fh,hkk5'],
      ['q', q],
    ])}`;
    const signer = createSigner({
      consumerKey: 'ck',
      consumerSecret: 'c s',
      nonce: () => 'n1',
      now: () => 1_700_000_000_000,
    });
    const token = { token: 'tk', secret: 't&s' };
    const signature = headerParams(
      signer.authorization({ method: 'GET', url, token }),
    ).oauth_signature;

    const params = [
      ['account_ids', 'gq12fh,hkk5'],
      ['oauth_consumer_key', 'ck'],
      ['oauth_nonce', 'n1'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '1700000000'],
      ['oauth_token', 'tk'],
      ['oauth_version', '1.0'],
      ['q', q],
    ] as const;
    const paramString = params.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
    const uri = percentEncode('https://ads-api.x.com/12/accounts');
    const base = `GET&${uri}&${percentEncode(paramString)}`;
    const expected = createHmac('sha1', 'c%20s&t%26s').update(base).digest('base64');
    expect(signature).toBe(expected);
  });
});

describe('toSigningRequest', () => {
  it('O1: produces the RFC 5849 §3.4.1 base string through the package base-string function', () => {
    const request = toSigningRequest({
      method: 'POST',
      url: 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b',
      token: null,
      bodyParams: { c2: '', a3: '2 q' },
    });
    const oauth = new OAuth({
      consumer: { key: '9djdj82h48djs9d2', secret: 'unused' },
      signature_method: 'HMAC-SHA1',
      hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
    });
    const oauthData = {
      oauth_consumer_key: '9djdj82h48djs9d2',
      oauth_token: 'kkk9d7dh3k39sjv7',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: 137131201,
      oauth_nonce: '7d8f3e4a',
    };
    // The RFC example carries no oauth_version, so the fields are given without it.
    const base = oauth.getBaseString(request, oauthData as OAuth.Data);
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('passes decoded keys and values and leaves the query out of the URL', () => {
    const request = toSigningRequest({
      method: 'get',
      url: 'http://example.com/request?c%40=%3D&a=1&a=2',
      token: null,
    });
    expect(request).toEqual({
      method: 'GET',
      url: 'http://example.com/request',
      data: { 'c@': '=', a: ['1', '2'] },
    });
  });

  it('returns a fresh data object on every call', () => {
    const input = { method: 'GET', url: 'http://example.com/?a=1', token: null };
    expect(toSigningRequest(input).data).not.toBe(toSigningRequest(input).data);
  });
});

describe('baseStringUri', () => {
  it('normalises scheme, host and default port as RFC 5849 §3.4.1.2 shows', () => {
    expect(baseStringUri('http://EXAMPLE.COM:80/r%20v/X?id=123')).toBe(
      'http://example.com/r%20v/X',
    );
    expect(baseStringUri('https://www.example.net:8080/?q=1')).toBe(
      'https://www.example.net:8080/',
    );
    expect(baseStringUri('HTTPS://Ads-Api.X.com:443/12/accounts#frag')).toBe(
      'https://ads-api.x.com/12/accounts',
    );
  });

  it('refuses non-http URLs', () => {
    expect(() => baseStringUri('ftp://example.com/')).toThrow(TypeError);
  });
});
