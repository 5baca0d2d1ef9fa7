/**
 * Small typed readers for hand-edited JSON. Every failure throws `PersonasFileError` whose message
 * names the file, the entry (a path such as `personas[2].userId`) and what was expected.
 */

export class PersonasFileError extends Error {
  override name = 'PersonasFileError';
}

export type JsonObject = Readonly<Record<string, unknown>>;

/** Reads one JSON file's values; `where` arguments are paths inside it. */
export class JsonReader {
  constructor(readonly file: string) {}

  /** Throws PersonasFileError naming the file and `where`. */
  fail(where: string, problem: string): never {
    throw new PersonasFileError(`Sandbox personas file ${this.file}: ${where}: ${problem}.`);
  }

  /** Returns `value` as an object; throws unless it is a plain JSON object. */
  object(value: unknown, where: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(where, `expected an object, got ${describe(value)}`);
    }
    return value as JsonObject;
  }

  /** Returns `value` as an array; throws otherwise. */
  array(value: unknown, where: string): readonly unknown[] {
    if (!Array.isArray(value)) this.fail(where, `expected an array, got ${describe(value)}`);
    return value;
  }

  /** Returns a non-empty string; throws otherwise. */
  string(value: unknown, where: string): string {
    if (typeof value !== 'string' || value === '') {
      this.fail(where, `expected a non-empty string, got ${describe(value)}`);
    }
    return value;
  }

  /** Returns a string, or null when the value is null or absent. */
  nullableString(value: unknown, where: string): string | null {
    return value === null || value === undefined ? null : this.string(value, where);
  }

  /** Returns a string matching `pattern` (described by `expected` in the error). */
  matching(value: unknown, where: string, pattern: RegExp, expected: string): string {
    const text = this.string(value, where);
    if (!pattern.test(text)) this.fail(where, `expected ${expected}, got ${JSON.stringify(text)}`);
    return text;
  }

  /** Returns a boolean; `fallback` when absent. */
  boolean(value: unknown, where: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean')
      this.fail(where, `expected true or false, got ${describe(value)}`);
    return value;
  }

  /** Returns a whole number within [min, max]. */
  integer(value: unknown, where: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(where, `expected a whole number from ${min} to ${max}, got ${describe(value)}`);
    }
    return value;
  }

  /** Returns an array of strings, each checked with `item`. */
  strings(value: unknown, where: string, item = (v: unknown, w: string) => this.string(v, w)) {
    return this.array(value, where).map((entry, i) => item(entry, `${where}[${i}]`));
  }

  /** Returns an ISO-8601 UTC timestamp such as `2019-03-28T17:33:12Z`. */
  timestamp(value: unknown, where: string): string {
    return this.matching(value, where, ISO_UTC, 'an ISO-8601 UTC time like 2020-01-09T10:15:00Z');
  }
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
