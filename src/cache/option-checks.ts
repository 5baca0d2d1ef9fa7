/**
 * Checks for the numeric options of the cache-layer factories, so that a bad value fails when the
 * factory is called rather than as a silent misbehaviour later.
 */

/** Returns `value` when it is a whole number ≥ 1; throws RangeError naming `name` otherwise. */
export function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a whole number of at least 1, got ${value}.`);
  }
  return value;
}

/** Returns `value` when it is a finite number ≥ 0; throws RangeError naming `name` otherwise. */
export function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number of at least 0, got ${value}.`);
  }
  return value;
}

/** Returns `value` when it lies in [0, 1]; throws RangeError naming `name` otherwise. */
export function fraction(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`${name} must be a number from 0 to 1, got ${value}.`);
  }
  return value;
}
