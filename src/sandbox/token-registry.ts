/**
 * The access tokens the sandbox accepts: each persona's static token from personas.json, plus
 * tokens minted by the OAuth flow. A revoked token stays known but is refused.
 */
import { randomBytes } from 'node:crypto';
import type { Persona } from './types.js';

export interface AccessTokenEntry {
  readonly token: string;
  readonly secret: string;
  readonly persona: Persona;
  readonly accessLevel: 'read' | 'read-write';
}

export interface TokenRegistry {
  /** The entry for a usable token; undefined when unknown or revoked. */
  find(token: string): AccessTokenEntry | undefined;
  /** Creates a new token for the persona, unlike any before. */
  mint(persona: Persona, accessLevel: 'read' | 'read-write'): AccessTokenEntry;
  /** Refuses the token from now on; unknown tokens are ignored. */
  revoke(token: string): void;
}

/** Returns a registry holding the personas' static tokens. */
export function createTokenRegistry(personas: readonly Persona[]): TokenRegistry {
  const entries = new Map<string, AccessTokenEntry>();
  const revoked = new Set<string>();
  for (const persona of personas) {
    const { token, tokenSecret: secret, accessLevel } = persona;
    entries.set(token, { token, secret, persona, accessLevel });
  }

  return {
    find: (token) => (revoked.has(token) ? undefined : entries.get(token)),
    mint(persona, accessLevel) {
      // X's tokens read `<user id>-<random>`; secrets are opaque.
      const token = `${persona.userId}-${randomText(30)}`;
      const entry = { token, secret: randomText(40), persona, accessLevel };
      entries.set(token, entry);
      return entry;
    },
    revoke: (token) => void revoked.add(token),
  };
}

/** Returns `length` characters of CSPRNG output in [A-Za-z0-9]. */
export function randomText(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 × 62: rejecting higher bytes keeps every character equally likely.
      if (byte < 248 && out.length < length) out += alphabet[byte % 62];
    }
  }
  return out;
}
