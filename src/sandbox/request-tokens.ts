/**
 * OAuth request tokens between `request_token` and `access_token`. Each lives ten minutes, can
 * be approved once (which creates its verifier) and is used up by the first `access_token`
 * attempt, or by a Cancel.
 */
import { randomInt } from 'node:crypto';
import { randomText } from './token-registry.js';

export const REQUEST_TOKEN_TTL_MS = 10 * 60_000;

export interface RequestTokenEntry {
  readonly token: string;
  readonly secret: string;
  /** A callback URL, or `oob` for the PIN flow. */
  readonly callback: string;
  readonly accessLevel: 'read' | 'read-write';
  readonly issuedAtMs: number;
  /** Set once the user approves: who signed in, and the verifier (a 7-digit PIN for `oob`). */
  approval: { readonly personaKey: string; readonly verifier: string } | null;
}

export interface RequestTokenStore {
  issue(callback: string, accessLevel: 'read' | 'read-write', nowMs: number): RequestTokenEntry;
  /** The entry while it is unexpired and unused; undefined otherwise. */
  find(token: string, nowMs: number): RequestTokenEntry | undefined;
  /** Records the approval and returns the verifier; undefined when gone or already approved. */
  approve(token: string, personaKey: string, nowMs: number): string | undefined;
  /** Uses the token up. */
  consume(token: string): void;
}

/** Returns an empty store. */
export function createRequestTokenStore(): RequestTokenStore {
  const entries = new Map<string, RequestTokenEntry>();
  const live = (entry: RequestTokenEntry | undefined, nowMs: number) =>
    entry && nowMs - entry.issuedAtMs < REQUEST_TOKEN_TTL_MS ? entry : undefined;
  const prune = (nowMs: number) => {
    for (const [token, entry] of entries) if (!live(entry, nowMs)) entries.delete(token);
  };

  return {
    issue(callback, accessLevel, nowMs) {
      prune(nowMs);
      const entry = {
        token: randomText(32),
        secret: randomText(40),
        callback,
        accessLevel,
        issuedAtMs: nowMs,
        approval: null,
      };
      entries.set(entry.token, entry);
      return entry;
    },
    find: (token, nowMs) => live(entries.get(token), nowMs),
    approve(token, personaKey, nowMs) {
      const entry = live(entries.get(token), nowMs);
      if (!entry || entry.approval) return undefined;
      const verifier = entry.callback === 'oob' ? pin() : randomText(32);
      entry.approval = { personaKey, verifier };
      return verifier;
    },
    consume: (token) => void entries.delete(token),
  };
}

function pin(): string {
  return String(randomInt(0, 10_000_000)).padStart(7, '0');
}
