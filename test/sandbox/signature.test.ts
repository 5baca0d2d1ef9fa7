import { describe, expect, it } from 'vitest';
import { parseAuthorization } from '../../src/sandbox/authorization-header.js';
import { createNonceStore } from '../../src/sandbox/nonce-store.js';
import { percentEncode } from '../../src/sandbox/percent-encode.js';
import type { Param } from '../../src/sandbox/signature-base-string.js';
import {
  baseStringUri,
  hmacSha1Signature,
  normalizedParameters,
  signatureBaseString,
} from '../../src/sandbox/signature-base-string.js';
import { verifySignature } from '../../src/sandbox/verify-signature.js';

const X_EXAMPLE_PARAMS: Param[] = [
  ['include_entities', 'true'],
  ['status', 'Hello Ladies + Gentlemen, a signed OAuth request!'],
  ['oauth_consumer_key', 'xvz1evFS4wEEPTGEFPHBog'],
  ['oauth_nonce', 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg'],
  ['oauth_signature_method', 'HMAC-SHA1'],
  ['oauth_timestamp', '1318622958'],
  ['oauth_token', '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'],
  ['oauth_version', '1.0'],
];
const X_CONSUMER_SECRET = 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw';
const X_TOKEN_SECRET = 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE';

describe('percentEncode', () => {
  it('leaves only unreserved characters and encodes the rest as upper-case UTF-8 escapes', () => {
    expect(percentEncode("AZaz09-._~!*'() ,+/=:")).toBe(
      'AZaz09-._~%21%2A%27%28%29%20%2C%2B%2F%3D%3A',
    );
    expect(percentEncode('café ☃ 😀')).toBe('caf%C3%A9%20%E2%98%83%20%F0%9F%98%80');
  });

  it('throws on a lone surrogate', () => {
    expect(() => percentEncode('\ud800')).toThrow(TypeError);
  });
});

describe('signature base string', () => {
  it("reproduces X's worked example for api.twitter.com and api.x.com", () => {
    const legacy = signatureBaseString(
      'post',
      'https://api.twitter.com/1.1/statuses/update.json',
      X_EXAMPLE_PARAMS,
    );
    expect(legacy).toBe(
      'POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521',
    );
    expect(hmacSha1Signature(legacy, X_CONSUMER_SECRET, X_TOKEN_SECRET)).toBe(
      'hCtSmYh+iHYCEqBWrE7C7hYmtUk=',
    );
    const current = signatureBaseString(
      'POST',
      'https://api.x.com/1.1/statuses/update.json',
      X_EXAMPLE_PARAMS,
    );
    expect(hmacSha1Signature(current, X_CONSUMER_SECRET, X_TOKEN_SECRET)).toBe(
      'Ls93hJiZbQ3akF3HF3x1Bz8/zU4=',
    );
  });

  it('reproduces the RFC 5849 §3.4.1 normalized parameters and base string', () => {
    const params: Param[] = [
      ['b5', '=%3D'],
      ['a3', 'a'],
      ['c@', ''],
      ['a2', 'r b'],
      ['c2', ''],
      ['a3', '2 q'],
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
    ];
    expect(normalizedParameters(params)).toBe(
      'a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7',
    );
    expect(
      signatureBaseString('POST', baseStringUri('http', 'example.com', '/request'), params),
    ).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('reproduces the RFC 5849 §1.2 signatures', () => {
    const client = (extra: Param[]): Param[] => [
      ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ...extra,
    ];
    const initiate = signatureBaseString(
      'POST',
      'https://photos.example.net/initiate',
      client([
        ['oauth_timestamp', '137131200'],
        ['oauth_nonce', 'wIjqoS'],
        ['oauth_callback', 'http://printer.example.com/ready'],
      ]),
    );
    expect(hmacSha1Signature(initiate, 'kd94hf93k423kf44', '')).toBe(
      '74KNZJeDHnMBp0EMJ9ZHt/XKycU=',
    );
    const token = signatureBaseString(
      'POST',
      'https://photos.example.net/token',
      client([
        ['oauth_token', 'hh5s93j4hdidpola'],
        ['oauth_timestamp', '137131201'],
        ['oauth_nonce', 'walatlh'],
        ['oauth_verifier', 'hfdp7dh39dks9884'],
      ]),
    );
    expect(hmacSha1Signature(token, 'kd94hf93k423kf44', 'hdhd0244k9j7ao03')).toBe(
      'gKgrFCywp7rO0OXSjdot/IHF7IU=',
    );
    const resource = signatureBaseString(
      'GET',
      'http://photos.example.net/photos',
      client([
        ['file', 'vacation.jpg'],
        ['size', 'original'],
        ['oauth_token', 'nnch734d00sl2jdk'],
        ['oauth_timestamp', '137131202'],
        ['oauth_nonce', 'chapoH'],
      ]),
    );
    expect(hmacSha1Signature(resource, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe(
      'MdpQcU8iPSUjWoN/UDMsK2sui9I=',
    );
  });

  it('lower-cases the host and drops default ports in the base string URI', () => {
    expect(baseStringUri('http', 'EXAMPLE.COM:80', '/r%20v/X')).toBe('http://example.com/r%20v/X');
    expect(baseStringUri('https', 'www.example.net:8080', '/')).toBe(
      'https://www.example.net:8080/',
    );
    expect(baseStringUri('https', 'api.x.com:443', '/1.1/x')).toBe('https://api.x.com/1.1/x');
  });
});

describe('parseAuthorization', () => {
  it('decodes quoted pairs and drops realm', () => {
    const parsed = parseAuthorization('OAuth realm="Example", oauth_token="a%2Fb",oauth_nonce="n"');
    expect(parsed).toEqual({
      kind: 'oauth',
      params: new Map([
        ['oauth_token', 'a/b'],
        ['oauth_nonce', 'n'],
      ]),
    });
  });

  it('refuses other schemes, malformed pairs and repeated keys', () => {
    expect(parseAuthorization('Bearer abc').kind).toBe('invalid');
    expect(parseAuthorization('OAuth oauth_token=abc').kind).toBe('invalid');
    expect(parseAuthorization('OAuth oauth_token="a", oauth_token="b"').kind).toBe('invalid');
    expect(parseAuthorization(undefined).kind).toBe('invalid');
  });
});

describe('verifySignature', () => {
  const consumer = { key: 'ck', secret: 'cs' };
  const nowMs = 1_700_000_000_000;
  const uri = 'http://127.0.0.1:4010/12/accounts';

  function header(overrides: Record<string, string> = {}, tokenSecret = 'ts'): string {
    const oauth: Record<string, string> = {
      oauth_consumer_key: 'ck',
      oauth_nonce: 'nonce-1',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: String(nowMs / 1000),
      oauth_token: 'tk',
      oauth_version: '1.0',
      ...overrides,
    };
    const base = signatureBaseString('GET', uri, [['count', '5'], ...Object.entries(oauth)]);
    const signature = hmacSha1Signature(base, 'cs', tokenSecret);
    const pairs = Object.entries({ ...oauth, oauth_signature: signature });
    return `OAuth ${pairs.map(([k, v]) => `${k}="${percentEncode(v)}"`).join(', ')}`;
  }

  function verify(authorization: string, nonces = createNonceStore()) {
    return verifySignature(
      { method: 'GET', uri, params: [['count', '5']], authorization },
      {
        consumer,
        tokenSecret: (t) => (t === 'tk' ? 'ts' : null),
        tokenRequired: true,
        nowMs,
        nonces,
      },
    );
  }

  it('accepts a correct signature once and refuses the replayed nonce', () => {
    const nonces = createNonceStore();
    expect(verify(header(), nonces).kind).toBe('valid');
    expect(verify(header(), nonces)).toMatchObject({
      kind: 'refused',
      reason: 'oauth_nonce was already used',
    });
  });

  it('refuses a wrong token secret, an unknown token and a stale timestamp', () => {
    expect(verify(header({}, 'other'))).toMatchObject({ kind: 'refused', problem: 'signature' });
    expect(verify(header({ oauth_token: 'unknown' }))).toMatchObject({
      kind: 'refused',
      problem: 'token',
    });
    const stale = String(nowMs / 1000 - 301);
    expect(verify(header({ oauth_timestamp: stale }))).toMatchObject({ kind: 'refused' });
  });

  it('refuses PLAINTEXT and RSA-SHA1 methods', () => {
    expect(verify(header({ oauth_signature_method: 'PLAINTEXT' })).kind).toBe('refused');
    expect(verify(header({ oauth_signature_method: 'RSA-SHA1' })).kind).toBe('refused');
  });
});
