/**
 * Cursor paging, sorting and totals shared by the collection routes. Cursors are opaque strings
 * to clients (`c-` and a base-36 offset here); `next_cursor` is null on the last page.
 */
import { ParameterError } from './answer.js';
import type { QueryParams } from './query-params.js';

export const DEFAULT_COUNT = 200;
export const MAX_COUNT = 1000;

export interface PageRequest {
  readonly count: number;
  readonly offset: number;
  readonly withTotalCount: boolean;
}

export interface PageResult<T> {
  readonly data: readonly T[];
  readonly next_cursor: string | null;
  readonly total_count?: number;
}

/** Reads count, cursor and with_total_count; throws ParameterError (400) on bad values. */
export function readPageRequest(params: QueryParams): PageRequest {
  const count = params.integer('count', 1, MAX_COUNT, DEFAULT_COUNT);
  const cursor = params.text('cursor');
  const withTotalCount = params.boolean('with_total_count', false);
  if (withTotalCount && cursor !== undefined) {
    throw new ParameterError(
      'EXCLUSIVE_PARAMETERS',
      'with_total_count and cursor cannot be used together',
      'with_total_count',
    );
  }
  return { count, offset: cursor === undefined ? 0 : decodeCursor(cursor), withTotalCount };
}

/** Returns one page of `items` with its cursor, and the total when asked. */
export function pageOf<T>(items: readonly T[], page: PageRequest): PageResult<T> {
  const end = page.offset + page.count;
  const result = {
    data: items.slice(page.offset, end),
    next_cursor: end < items.length ? encodeCursor(end) : null,
  };
  return page.withTotalCount ? { ...result, total_count: items.length } : result;
}

function encodeCursor(offset: number): string {
  return `c-${offset.toString(36)}`;
}

function decodeCursor(cursor: string): number {
  const match = /^c-([0-9a-z]{1,8})$/.exec(cursor);
  if (!match?.[1]) {
    throw new ParameterError('INVALID_PARAMETER', `Invalid cursor "${cursor}"`, 'cursor');
  }
  return parseInt(match[1], 36);
}

/** A record's value for a sortable field. */
export type SortKeys<T> = Readonly<Record<string, (item: T) => string | boolean>>;

/**
 * Reads `sort_by` (`<field>-asc` / `<field>-desc`) and returns the items sorted, ties broken by
 * `id`; `fallback` orders them when sort_by is absent. Throws ParameterError on other values.
 */
export function sortItems<T extends { readonly id: string }>(
  items: readonly T[],
  params: QueryParams,
  keys: SortKeys<T>,
  fallback: string,
): T[] {
  const sortBy = params.text('sort_by') ?? fallback;
  const match = /^([a-z_]+)-(asc|desc)$/.exec(sortBy);
  const key = match?.[1] === undefined ? undefined : keys[match[1]];
  if (!key) {
    const allowed = Object.keys(keys).join(', ');
    throw new ParameterError(
      'INVALID_PARAMETER',
      `Invalid sort_by "${sortBy}"; sortable: ${allowed}`,
      'sort_by',
    );
  }
  const sign = match?.[2] === 'desc' ? -1 : 1;
  return [...items].sort((a, b) => sign * compare(key(a), key(b)) || compare(a.id, b.id));
}

function compare(a: string | boolean, b: string | boolean): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
