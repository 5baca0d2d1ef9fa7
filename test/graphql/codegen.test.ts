import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

describe('the generated frontend operations', () => {
  it('match what `npm run codegen` produces from schema.graphql and operations/', async () => {
    const outputs = await generate({ ...config, cwd: process.cwd(), silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const checkedIn = readFileSync(join(process.cwd(), output.filename), 'utf8');
      expect(checkedIn, `${output.filename} is stale: run npm run codegen`).toBe(output.content);
    }
  });
});
