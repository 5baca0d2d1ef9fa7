import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { sandboxBanner, sandboxPortFrom } from '../../src/sandbox/standalone.js';

describe('sandboxPortFrom', () => {
  it('defaults to 4010 and reads a valid SANDBOX_PORT', () => {
    expect(sandboxPortFrom({})).toBe(4010);
    expect(sandboxPortFrom({ SANDBOX_PORT: '' })).toBe(4010);
    expect(sandboxPortFrom({ SANDBOX_PORT: '5123' })).toBe(5123);
  });

  it('throws one sentence naming SANDBOX_PORT for bad values', () => {
    for (const value of ['abc', '0', '70000', '12.5', '-1']) {
      expect(() => sandboxPortFrom({ SANDBOX_PORT: value })).toThrow(
        `SANDBOX_PORT must be a port number from 1 to 65535, got "${value}".`,
      );
    }
  });
});

describe('sandboxBanner', () => {
  it('lists the URL, consumer and every persona with its token and secret', async () => {
    const sandbox = await startSandbox();
    try {
      const banner = sandboxBanner(sandbox);
      expect(banner).toContain(`listening on ${sandbox.url}`);
      expect(banner).toContain('sandbox-consumer-secret');
      for (const persona of sandbox.personas) {
        expect(banner).toContain(`@${persona.screenName}`);
        expect(banner).toContain(persona.token);
        expect(banner).toContain(persona.tokenSecret);
      }
      expect(banner).toContain(`X_ADS_API_URL=${sandbox.url}`);
    } finally {
      await sandbox.close();
    }
  });
});

describe('npm run sandbox', () => {
  it('stops with one line naming SANDBOX_PORT when it is bad', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], {
      env: { ...process.env, SANDBOX_PORT: 'http' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      'Sandbox failed to start: SANDBOX_PORT must be a port number from 1 to 65535, got "http".',
    ]);
  });
});
