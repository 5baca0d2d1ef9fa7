/**
 * Runs two measurements in alternation (A B A B …) so that drift in a shared, noisy machine
 * falls on both sides alike, and pairs each round's results.
 */

export interface Round<T> {
  readonly a: T;
  readonly b: T;
}

/** Runs `a` then `b`, `rounds` times; resolves to the pairs in order. Rejects with the first failure. */
export async function interleave<T>(
  rounds: number,
  a: () => Promise<T>,
  b: () => Promise<T>,
): Promise<Array<Round<T>>> {
  const results: Array<Round<T>> = [];
  for (let round = 0; round < rounds; round++) {
    const first = await a();
    const second = await b();
    results.push({ a: first, b: second });
  }
  return results;
}
