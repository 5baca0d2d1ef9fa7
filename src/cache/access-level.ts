/**
 * Remembers, per token, whether any upstream answer carried `x-access-level: read`: such a token
 * (or its app) cannot write, which gates the capabilities that need writes.
 */
import { LRUCache } from 'lru-cache';

import type { CallTarget } from '../upstream/ads-api.js';
import type { ResponseMeta } from '../upstream/types.js';
import { positiveInteger } from './option-checks.js';

export interface AccessLevelTracker {
  /** Notes the answer's `x-access-level`; plug into AdsClientHooks.onResponse. Only the exact
   *  level `read` (any case, trimmed) marks the token; other values and null change nothing. */
  record(target: CallTarget, meta: ResponseMeta): void;
  /** True until a 'read' level is seen for the token. The memory is a bounded LRU: a token
   *  dropped from it reads as writable again until its next answer. */
  canWrite(token: string): boolean;
}

/** Returns an in-process tracker remembering up to `maxTokens` (default 10,000) read-only
 *  tokens. Throws RangeError when `maxTokens` is not a whole number ≥ 1. */
export function createAccessLevelTracker(options: { maxTokens?: number } = {}): AccessLevelTracker {
  const max = positiveInteger('maxTokens', options.maxTokens ?? 10_000);
  const readOnly = new LRUCache<string, true>({ max });

  return {
    record(target, meta) {
      if (meta.accessLevel?.trim().toLowerCase() === 'read') readOnly.set(target.token, true);
    },
    canWrite(token) {
      return !readOnly.has(token);
    },
  };
}
