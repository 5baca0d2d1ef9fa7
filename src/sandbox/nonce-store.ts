/**
 * Remembers OAuth nonces per consumer and token for as long as their timestamp is acceptable, so
 * a replayed request is refused. Memory stays bounded by the traffic of one window.
 */

export interface NonceStore {
  /**
   * Records the nonce and returns true, or returns false when it was already seen for this
   * consumer and token. `expiresAtMs` is when the request's timestamp stops being acceptable.
   */
  remember(
    consumerKey: string,
    token: string,
    nonce: string,
    expiresAtMs: number,
    nowMs: number,
  ): boolean;
}

/** Returns an empty store. */
export function createNonceStore(): NonceStore {
  const expiry = new Map<string, number>();
  const queue: { key: string; expiresAtMs: number }[] = [];
  let head = 0;

  const prune = (nowMs: number) => {
    for (let next = queue[head]; next && next.expiresAtMs <= nowMs; next = queue[head]) {
      if (expiry.get(next.key) === next.expiresAtMs) expiry.delete(next.key);
      head++;
    }
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
  };

  return {
    remember(consumerKey, token, nonce, expiresAtMs, nowMs) {
      prune(nowMs);
      const key = `${consumerKey}\n${token}\n${nonce}`;
      if (expiry.has(key)) return false;
      expiry.set(key, expiresAtMs);
      queue.push({ key, expiresAtMs });
      return true;
    },
  };
}
