/**
 * Typed reads of an Ads API request's query parameters with X's 400 errors. Each read records
 * the parsed value for the `request.params` echo; parameters no route reads are ignored.
 */
import type { RequestParams } from './answer.js';
import { ParameterError } from './answer.js';
import type { Param } from './signature-base-string.js';

const ID = /^[0-9a-z]+$/;

export class QueryParams {
  private readonly values = new Map<string, string>();
  private readonly parsed: Record<string, unknown> = {};

  /** Throws ParameterError when a parameter is given twice. */
  constructor(entries: readonly Param[], pathParams: Readonly<Record<string, string>> = {}) {
    for (const [name, value] of entries) {
      if (this.values.has(name)) {
        throw new ParameterError(
          'INVALID_PARAMETER',
          `Parameter ${name} is given more than once`,
          name,
        );
      }
      this.values.set(name, value);
    }
    Object.assign(this.parsed, pathParams);
  }

  /** The echo for `request.params`: path parameters and every parameter read so far. */
  get echo(): RequestParams {
    return { ...this.parsed };
  }

  /** Returns the raw text, undefined when absent; throws MISSING_PARAMETER when empty. */
  text(name: string): string | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    if (value === '')
      throw new ParameterError('MISSING_PARAMETER', `Expected a value for ${name}`, name);
    this.parsed[name] = value;
    return value;
  }

  /** Returns a whole number in [min, max], `fallback` when absent. */
  integer(name: string, min: number, max: number, fallback: number): number {
    const text = this.text(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      throw invalid(name, `Expected an integer from ${min} to ${max}, got "${text}" for ${name}`);
    }
    this.parsed[name] = value;
    return value;
  }

  /** Returns `true`/`false` (any case), `fallback` when absent. */
  boolean(name: string, fallback: boolean): boolean {
    const text = this.text(name);
    if (text === undefined) return fallback;
    const lower = text.toLowerCase();
    if (lower !== 'true' && lower !== 'false') {
      throw invalid(name, `Expected boolean, got "${text}" for ${name}`);
    }
    this.parsed[name] = lower === 'true';
    return lower === 'true';
  }

  /** Returns a comma-separated list of base-36 ids (at most `max`), undefined when absent. */
  idList(name: string, max: number): string[] | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    const ids = text.split(',');
    const bad = ids.find((id) => !ID.test(id));
    if (bad !== undefined) throw invalid(name, `Expected a list of ids, got "${bad}" for ${name}`);
    if (ids.length > max)
      throw invalid(name, `Expected at most ${max} ids for ${name}, got ${ids.length}`);
    this.parsed[name] = ids;
    return ids;
  }

  /** Returns a comma-separated list of non-empty strings, undefined when absent. */
  list(name: string): string[] | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    const items = text.split(',');
    if (items.some((item) => item === ''))
      throw invalid(name, `Expected a list of values for ${name}`);
    this.parsed[name] = items;
    return items;
  }
}

function invalid(name: string, message: string): ParameterError {
  return new ParameterError('INVALID_PARAMETER', message, name);
}
