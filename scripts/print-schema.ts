/**
 * Prints the schema to `schema.graphql` (sorted), or with `--check` exits 1 when the checked-in
 * file differs from what the code builds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { printSchemaText, SCHEMA_FILE } from '../src/schema/print.js';

const text = printSchemaText();
if (process.argv.includes('--check')) {
  const current = readFileSync(SCHEMA_FILE, 'utf8');
  if (current !== text) {
    process.stderr.write('schema.graphql is out of date: run `npm run print-schema`.\n');
    process.exit(1);
  }
} else {
  writeFileSync(SCHEMA_FILE, text);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
