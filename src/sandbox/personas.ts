/**
 * Loads personas.json into a `SandboxWorld`: decodes every entry, expands `generated` blocks and
 * checks the entries against each other. Any problem rejects with PersonasFileError naming the
 * file and the entry, so a bad edit stops the sandbox at start.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateAccounts } from './generate-accounts.js';
import { JsonReader } from './json-reader.js';
import type { PersonaEntry, PersonasFile } from './personas-file.js';
import { decodePersonasFile } from './personas-file.js';
import type { Persona } from './types.js';
import type { AccountRecord, SandboxWorld } from './world.js';

/** The personas file shipped beside this module. */
export const DEFAULT_PERSONAS_FILE = fileURLToPath(new URL('./personas.json', import.meta.url));

/** Reads and validates `file`; rejects with PersonasFileError (or the read error) if bad. */
export async function loadWorld(file: string = DEFAULT_PERSONAS_FILE): Promise<SandboxWorld> {
  const read = new JsonReader(file);
  const text = await readFile(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    read.fail('the whole file', `not valid JSON (${(error as Error).message})`);
  }
  return buildWorld(read, decodePersonasFile(raw, read));
}

function buildWorld(read: JsonReader, file: PersonasFile): SandboxWorld {
  const accounts = new Map<string, AccountRecord>();
  const access = new Map<string, Map<string, readonly string[]>>();
  for (const entry of file.personas) access.set(entry.key, new Map(entry.access));
  for (const account of file.accounts) addAccount(read, accounts, account, 'accounts');

  file.generated.forEach((block, i) => {
    const target = access.get(block.persona);
    if (!target) read.fail(`generated[${i}].persona`, `no persona has key "${block.persona}"`);
    const made = generateAccounts(block);
    for (const account of made.accounts) addAccount(read, accounts, account, `generated[${i}]`);
    for (const [id, permissions] of made.access) target.set(id, permissions);
  });

  const personas = file.personas.map((entry) => toPersona(read, entry, access, accounts));
  checkUnique(read, personas);
  const defaultPersona = personas.find((p) => p.key === file.defaultPersona);
  if (!defaultPersona) read.fail('defaultPersona', `no persona has key "${file.defaultPersona}"`);
  return {
    personas,
    defaultPersona,
    accounts,
    permissions: (personaKey, accountId) => access.get(personaKey)?.get(accountId),
  };
}

function addAccount(
  read: JsonReader,
  accounts: Map<string, AccountRecord>,
  account: AccountRecord,
  where: string,
): void {
  if (accounts.has(account.id)) read.fail(where, `account id "${account.id}" appears twice`);
  const full = account.promotableUsers.filter((u) => u.type === 'FULL');
  if (full.length > 1)
    read.fail(where, `account "${account.id}" has more than one FULL promotable user`);
  const ids = new Set(account.promotableUsers.map((u) => u.id));
  if (ids.size !== account.promotableUsers.length) {
    read.fail(where, `account "${account.id}" repeats a promotable user id`);
  }
  accounts.set(account.id, account);
}

function toPersona(
  read: JsonReader,
  entry: PersonaEntry,
  access: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>,
  accounts: ReadonlyMap<string, AccountRecord>,
): Persona {
  const accountIds = [...(access.get(entry.key)?.keys() ?? [])];
  const missing = accountIds.find((id) => !accounts.has(id));
  if (missing !== undefined) {
    read.fail(`personas ("${entry.key}").access`, `account "${missing}" is not in accounts`);
  }
  const { access: _omitted, ...fields } = entry;
  return { ...fields, accountIds };
}

function checkUnique(read: JsonReader, personas: readonly Persona[]): void {
  const keys = new Set<string>();
  const tokens = new Set<string>();
  for (const p of personas) {
    if (keys.has(p.key)) read.fail(`personas ("${p.key}").key`, 'appears twice');
    if (tokens.has(p.token)) read.fail(`personas ("${p.key}").token`, 'is used by another persona');
    keys.add(p.key);
    tokens.add(p.token);
  }
}
