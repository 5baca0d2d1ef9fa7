import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonasFileError } from '../../src/sandbox/json-reader.js';
import { DEFAULT_PERSONAS_FILE, loadWorld } from '../../src/sandbox/personas.js';
import { startSandbox } from '../../src/sandbox/index.js';

describe('shipped personas', () => {
  it('holds the fixed users other code relies on', async () => {
    const world = await loadWorld();
    const summary = world.personas.map((p) => [p.key, p.userId, p.screenName, p.accessLevel]);
    expect(summary).toEqual([
      ['demo', '1000000001', 'demo_marketer', 'read-write'],
      ['advertiser', '1000000002', 'acme_brand', 'read-write'],
      ['agency', '1000000003', 'big_agency', 'read-write'],
      ['analyst', '1000000004', 'numbers_person', 'read-write'],
      ['readonly', '1000000005', 'readonly_reporter', 'read'],
      ['nobody', '1000000006', 'no_ads_yet', 'read-write'],
    ]);
    expect(world.defaultPersona.key).toBe('demo');
  });

  it("gives demo every role, with each account's FULL promotable user", async () => {
    const world = await loadWorld();
    const demo = world.personas.find((p) => p.key === 'demo');
    const rows = demo?.accountIds.map((id) => {
      const account = world.accounts.get(id);
      const full = account?.promotableUsers.find((u) => u.type === 'FULL');
      return [id, account?.name, world.permissions('demo', id)?.join('+'), full?.userId];
    });
    expect(rows).toEqual([
      ['18ce54d4x5t', 'Northwind Coffee', 'ACCOUNT_ADMIN+TWEET_COMPOSER', '1000000101'],
      ['18ce54ayf0z', 'Contoso Shoes', 'AD_MANAGER', '1000000102'],
      ['gq12fh', 'Demo Marketer Shop', 'AD_MANAGER', '1000000001'],
      ['gq180y', 'Fabrikam Studio', 'CREATIVE_MANAGER+TWEET_COMPOSER', '1000000103'],
      ['2iqph', 'Tailspin Toys', 'CAMPAIGN_ANALYST', '1000000104'],
      ['hkk5', 'Wingtip Radio', 'ANALYST', '1000000105'],
      ['abc1', 'Litware Data', 'PARTNER_AUDIENCE_MANAGER', '1000000106'],
      ['dead1', 'Old Campaigns Ltd', 'ACCOUNT_ADMIN', '1000000107'],
      ['pend1', 'Brand New Co', 'ACCOUNT_ADMIN+TWEET_COMPOSER', '1000000108'],
    ]);
    expect(world.accounts.get('dead1')?.deleted).toBe(true);
    expect(world.accounts.get('pend1')?.approvalStatus).toBe('UNDER_REVIEW');
  });

  it('generates 450 agency accounts cycling the six roles, with TWEET_COMPOSER on every third of three roles', async () => {
    const world = await loadWorld();
    const agency = world.personas.find((p) => p.key === 'agency');
    expect(agency?.accountIds).toHaveLength(450);
    expect(agency?.accountIds[0]).toBe('ag000');
    expect(agency?.accountIds[449]).toBe('ag449');
    const permissions = (id: string) => world.permissions('agency', id);
    expect(permissions('ag000')).toEqual(['ACCOUNT_ADMIN', 'TWEET_COMPOSER']);
    expect(permissions('ag001')).toEqual(['AD_MANAGER', 'TWEET_COMPOSER']);
    expect(permissions('ag002')).toEqual(['CREATIVE_MANAGER', 'TWEET_COMPOSER']);
    expect(permissions('ag003')).toEqual(['CAMPAIGN_ANALYST']);
    expect(permissions('ag005')).toEqual(['PARTNER_AUDIENCE_MANAGER']);
    expect(permissions('ag006')).toEqual(['ACCOUNT_ADMIN']);
    expect(permissions('ag018')).toEqual(['ACCOUNT_ADMIN', 'TWEET_COMPOSER']);
    const composers = agency?.accountIds.filter((id) =>
      permissions(id)?.includes('TWEET_COMPOSER'),
    );
    expect(composers).toHaveLength(75);
    expect(world.accounts.get('ag007')?.promotableUsers.map((u) => [u.userId, u.type])).toEqual([
      ['1100000007', 'FULL'],
      ['1000000003', 'RETWEETS_ONLY'],
    ]);
  });

  it('shares acme1 between advertiser and analyst with different roles', async () => {
    const world = await loadWorld();
    expect(world.permissions('advertiser', 'acme1')).toEqual(['ACCOUNT_ADMIN']);
    expect(world.permissions('analyst', 'acme1')).toEqual(['CAMPAIGN_ANALYST']);
    expect(world.permissions('readonly', 'rdo1')).toEqual(['ACCOUNT_ADMIN', 'TWEET_COMPOSER']);
    expect(world.personas.find((p) => p.key === 'nobody')?.accountIds).toEqual([]);
  });

  it('finds personas by key through the sandbox and throws on an unknown key', async () => {
    const sandbox = await startSandbox();
    try {
      expect(sandbox.persona('agency').screenName).toBe('big_agency');
      expect(sandbox.defaultPersona.key).toBe('demo');
      expect(() => sandbox.persona('ghost')).toThrow('Unknown sandbox persona "ghost".');
    } finally {
      await sandbox.close();
    }
  });
});

describe('personas file validation', () => {
  let dir: string;
  let shipped: Record<string, unknown>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-personas-'));
    shipped = JSON.parse(await readFile(DEFAULT_PERSONAS_FILE, 'utf8')) as Record<string, unknown>;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  type Entry = Record<string, unknown>;

  /** Writes an edited copy of the shipped file and returns its path. */
  async function edited(name: string, edit: (file: Entry) => void): Promise<string> {
    const copy = structuredClone(shipped);
    edit(copy);
    const file = join(dir, name);
    await writeFile(file, JSON.stringify(copy));
    return file;
  }

  const persona = (file: Entry, index: number) => (file['personas'] as Entry[])[index] ?? {};

  it('names the file and the entry with a bad user id', async () => {
    const file = await edited('bad-user.json', (f) => {
      persona(f, 1)['userId'] = 'acme';
    });
    const result = loadWorld(file);
    await expect(result).rejects.toThrow(PersonasFileError);
    await expect(result).rejects.toThrow(
      `Sandbox personas file ${file}: personas[1] ("advertiser").userId: expected decimal text, got "acme".`,
    );
  });

  it('refuses access to an account that does not exist', async () => {
    const file = await edited('missing-account.json', (f) => {
      (persona(f, 0)['access'] as Record<string, string[]>)['zz9'] = ['AD_MANAGER'];
    });
    await expect(loadWorld(file)).rejects.toThrow(
      'personas ("demo").access: account "zz9" is not in accounts',
    );
  });

  it('refuses a duplicate account id, a bad default persona and broken JSON', async () => {
    const duplicate = await edited('duplicate.json', (f) => {
      const accounts = f['accounts'] as unknown[];
      accounts.push(accounts[0]);
    });
    await expect(loadWorld(duplicate)).rejects.toThrow('account id "18ce54d4x5t" appears twice');
    const noDefault = await edited('default.json', (f) => {
      f['defaultPersona'] = 'ghost';
    });
    await expect(loadWorld(noDefault)).rejects.toThrow(
      'defaultPersona: no persona has key "ghost"',
    );
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "personas": [');
    await expect(loadWorld(broken)).rejects.toThrow(
      `Sandbox personas file ${broken}: the whole file: not valid JSON`,
    );
  });

  it('makes startSandbox reject for a bad file', async () => {
    const file = await edited('start.json', (f) => {
      persona(f, 0)['accessLevel'] = 'admin';
    });
    await expect(startSandbox({ personasFile: file })).rejects.toThrow(
      'personas[0] ("demo").accessLevel: expected "read" or "read-write", got "admin"',
    );
  });
});
