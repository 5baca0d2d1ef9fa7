/** The printed form of the schema, as checked in at the project root. */
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './index.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

export function printSchemaText(): string {
  return `${printSchema(schema)}\n`;
}
