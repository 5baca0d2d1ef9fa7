/** `DateTime`: an ISO-8601 instant in UTC, e.g. `2026-12-03T18:05:00.000Z`. */
import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(String(value))) {
    throw new GraphQLError(`DateTime must be an ISO-8601 date-time, got ${JSON.stringify(value)}.`);
  }
  return date;
}

builder.scalarType('DateTime', {
  description: 'An instant as an ISO-8601 string in UTC, for example "2026-12-03T18:05:00.000Z".',
  serialize: (value) => value.toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});
