/**
 * Who signed a request: checks the OAuth signature against the sandbox's consumer and token
 * secrets (or, with signature checks off, trusts the header's token or the default persona).
 */
import { claimedToken, parseAuthorization } from './authorization-header.js';
import type { SandboxRequest } from './sandbox-request.js';
import type { SandboxState } from './sandbox-state.js';
import type { Param } from './signature-base-string.js';
import { baseStringUri } from './signature-base-string.js';
import type { AccessTokenEntry } from './token-registry.js';
import type { SignaturePolicy, SignatureVerdict } from './verify-signature.js';
import { verifySignature } from './verify-signature.js';

/** Returns the access token entry that signed the request, or null when it is not authentic. */
export function authenticateAccessToken(
  state: SandboxState,
  request: SandboxRequest,
): AccessTokenEntry | null {
  if (!state.checkSignatures) {
    const token = claimedToken(request.authorization) ?? state.world.defaultPersona.token;
    return state.tokens.find(token) ?? null;
  }
  const verdict = verifyRequest(state, request, {
    tokenSecret: (token) => state.tokens.find(token)?.secret ?? null,
    tokenRequired: true,
  });
  return verdict.kind === 'valid' && verdict.token !== null
    ? (state.tokens.find(verdict.token) ?? null)
    : null;
}

/**
 * Verifies the request's signature with the sandbox's consumer, clock and nonce store. With
 * signature checks off, only the header's token is looked up.
 */
export function verifyRequest(
  state: SandboxState,
  request: SandboxRequest,
  tokens: Pick<SignaturePolicy, 'tokenSecret' | 'tokenRequired'>,
): SignatureVerdict {
  if (!state.checkSignatures) return trustHeader(request, tokens);
  if (request.host === undefined)
    return { kind: 'refused', problem: 'signature', reason: 'no Host header' };
  // The client addressed the sandbox over plain http at the Host it sent.
  const uri = baseStringUri('http', request.host, request.path);
  const params: Param[] = [...request.query, ...request.form];
  return verifySignature(
    { method: request.method, uri, params, authorization: request.authorization },
    { consumer: state.consumer, nowMs: state.now(), nonces: state.nonces, ...tokens },
  );
}

function trustHeader(
  request: SandboxRequest,
  tokens: Pick<SignaturePolicy, 'tokenSecret' | 'tokenRequired'>,
): SignatureVerdict {
  const parsed = parseAuthorization(request.authorization);
  const oauth = parsed.kind === 'oauth' ? parsed.params : new Map<string, string>();
  const token = oauth.get('oauth_token') || null;
  if (token === null && tokens.tokenRequired) {
    return { kind: 'refused', problem: 'token', reason: 'oauth_token is missing' };
  }
  if (token !== null && tokens.tokenSecret(token) === null) {
    return {
      kind: 'refused',
      problem: 'token',
      reason: 'oauth_token is unknown, revoked or expired',
    };
  }
  return { kind: 'valid', token, oauth };
}
