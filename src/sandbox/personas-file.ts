/**
 * The shape of personas.json and its decoder. `decodePersonasFile` checks each entry on its own
 * (types, formats); cross-entry checks (unique ids, references) live in personas.ts.
 */
import { createHash } from 'node:crypto';
import type { JsonObject, JsonReader } from './json-reader.js';
import type { AccountRecord, PromotableUserRecord } from './world.js';

export interface PersonaEntry {
  readonly key: string;
  readonly description: string;
  readonly userId: string;
  readonly screenName: string;
  readonly token: string;
  readonly tokenSecret: string;
  readonly accessLevel: 'read' | 'read-write';
  /** Account id → permissions, in file order. */
  readonly access: ReadonlyMap<string, readonly string[]>;
}

/** A rule that adds `count` accounts to one persona; see the block's description in the file. */
export interface GeneratedBlock {
  readonly persona: string;
  readonly count: number;
  readonly idPrefix: string;
  readonly idDigits: number;
  readonly name: string;
  readonly roles: readonly string[];
  readonly tweetComposer: { readonly every: number; readonly roles: readonly string[] };
  readonly timezones: readonly string[];
  readonly industryTypes: readonly string[];
  readonly featureSets: readonly (readonly string[])[];
  readonly createdAt: string;
  readonly createdEveryHours: number;
  readonly fullUserIdStart: string;
  readonly retweetsOnlyUserIds: readonly string[];
}

export interface PersonasFile {
  readonly defaultPersona: string;
  readonly personas: readonly PersonaEntry[];
  readonly accounts: readonly AccountRecord[];
  readonly generated: readonly GeneratedBlock[];
}

export const ACCOUNT_ID = /^[0-9a-z]+$/;
const USER_ID = /^[1-9][0-9]{0,19}$/;
const PERMISSION = /^[A-Z][A-Z_]*$/;
const PERSONA_KEY = /^[a-z][a-z0-9-]*$/;
const TOKEN = /^[\x21-\x7e]+$/;

/** Decodes the whole file; throws PersonasFileError naming the first bad entry. */
export function decodePersonasFile(raw: unknown, read: JsonReader): PersonasFile {
  const root = read.object(raw, 'the top level');
  return {
    defaultPersona: read.string(root['defaultPersona'], 'defaultPersona'),
    personas: read.array(root['personas'], 'personas').map((p, i) => persona(read, p, i)),
    accounts: read.array(root['accounts'], 'accounts').map((a, i) => account(read, a, i)),
    generated: read
      .array(root['generated'] ?? [], 'generated')
      .map((g, i) => generated(read, g, `generated[${i}]`)),
  };
}

function persona(read: JsonReader, raw: unknown, index: number): PersonaEntry {
  const o = read.object(raw, `personas[${index}]`);
  const where = `personas[${index}] (${JSON.stringify(o['key'] ?? null)})`;
  const level = read.string(o['accessLevel'], `${where}.accessLevel`);
  if (level !== 'read' && level !== 'read-write') {
    read.fail(`${where}.accessLevel`, `expected "read" or "read-write", got "${level}"`);
  }
  return {
    key: read.matching(o['key'], `${where}.key`, PERSONA_KEY, 'lower-case letters and digits'),
    description: read.string(o['description'], `${where}.description`),
    userId: read.matching(o['userId'], `${where}.userId`, USER_ID, 'decimal text'),
    screenName: read.string(o['screenName'], `${where}.screenName`),
    token: read.matching(o['token'], `${where}.token`, TOKEN, 'printable ASCII without spaces'),
    tokenSecret: read.matching(o['tokenSecret'], `${where}.tokenSecret`, TOKEN, 'printable ASCII'),
    accessLevel: level,
    access: accessMap(read, o['access'], `${where}.access`),
  };
}

function accessMap(read: JsonReader, raw: unknown, where: string) {
  const entries = Object.entries(read.object(raw, where)).map(([id, permissions]) => {
    read.matching(id, `${where} key`, ACCOUNT_ID, 'a base-36 account id');
    return [id, permissionList(read, permissions, `${where}.${id}`)] as const;
  });
  return new Map(entries);
}

/** Returns UPPER_SNAKE permission names; values unknown to the service are allowed on purpose. */
export function permissionList(read: JsonReader, raw: unknown, where: string): string[] {
  return read.strings(raw, where, (v, w) => read.matching(v, w, PERMISSION, 'an UPPER_SNAKE name'));
}

function account(read: JsonReader, raw: unknown, index: number): AccountRecord {
  const o = read.object(raw, `accounts[${index}]`);
  const where = `accounts[${index}] (${JSON.stringify(o['id'] ?? null)})`;
  const id = read.matching(o['id'], `${where}.id`, ACCOUNT_ID, 'a base-36 account id');
  return {
    id,
    name: read.string(o['name'], `${where}.name`),
    businessName: read.nullableString(o['business_name'], `${where}.business_name`),
    businessId: read.nullableString(o['business_id'], `${where}.business_id`),
    timezone: read.string(o['timezone'], `${where}.timezone`),
    timezoneSwitchAt: optionalTimestamp(
      read,
      o['timezone_switch_at'],
      `${where}.timezone_switch_at`,
    ),
    createdAt: read.timestamp(o['created_at'], `${where}.created_at`),
    updatedAt: read.timestamp(o['updated_at'], `${where}.updated_at`),
    approvalStatus: read.string(o['approval_status'] ?? 'ACCEPTED', `${where}.approval_status`),
    deleted: read.boolean(o['deleted'], `${where}.deleted`, false),
    salt: saltFor(id),
    industryType: read.nullableString(o['industry_type'], `${where}.industry_type`),
    features: read.strings(o['features'] ?? [], `${where}.features`),
    promotableUsers: promotableUsers(read, o, where),
  };
}

function promotableUsers(read: JsonReader, account: JsonObject, where: string) {
  const list = read.array(account['promotable_users'], `${where}.promotable_users`);
  return list.map((raw, i): PromotableUserRecord => {
    const w = `${where}.promotable_users[${i}]`;
    const o = read.object(raw, w);
    return {
      id: read.matching(o['id'], `${w}.id`, ACCOUNT_ID, 'a base-36 id'),
      userId: read.matching(o['user_id'], `${w}.user_id`, USER_ID, 'decimal text'),
      type: read.string(o['promotable_user_type'], `${w}.promotable_user_type`),
      createdAt: read.timestamp(o['created_at'] ?? account['created_at'], `${w}.created_at`),
      updatedAt: read.timestamp(o['updated_at'] ?? account['updated_at'], `${w}.updated_at`),
      deleted: read.boolean(o['deleted'], `${w}.deleted`, false),
    };
  });
}

function generated(read: JsonReader, raw: unknown, where: string): GeneratedBlock {
  const o = read.object(raw, where);
  const composer = read.object(o['tweetComposer'], `${where}.tweetComposer`);
  const nonEmpty = (list: string[], w: string) =>
    list.length > 0 ? list : read.fail(w, 'is empty');
  return {
    persona: read.string(o['persona'], `${where}.persona`),
    count: read.integer(o['count'], `${where}.count`, 0, 100_000),
    idPrefix: read.matching(o['idPrefix'], `${where}.idPrefix`, ACCOUNT_ID, 'base-36 text'),
    idDigits: read.integer(o['idDigits'], `${where}.idDigits`, 1, 8),
    name: read.string(o['name'], `${where}.name`),
    roles: nonEmpty(permissionList(read, o['roles'], `${where}.roles`), `${where}.roles`),
    tweetComposer: {
      every: read.integer(composer['every'], `${where}.tweetComposer.every`, 1, 100_000),
      roles: permissionList(read, composer['roles'], `${where}.tweetComposer.roles`),
    },
    timezones: nonEmpty(read.strings(o['timezones'], `${where}.timezones`), `${where}.timezones`),
    industryTypes: nonEmpty(
      read.strings(o['industryTypes'], `${where}.industryTypes`),
      `${where}.industryTypes`,
    ),
    featureSets: featureSets(read, o['featureSets'], `${where}.featureSets`),
    createdAt: read.timestamp(o['createdAt'], `${where}.createdAt`),
    createdEveryHours: read.integer(o['createdEveryHours'], `${where}.createdEveryHours`, 0, 1000),
    fullUserIdStart: read.matching(
      o['fullUserIdStart'],
      `${where}.fullUserIdStart`,
      USER_ID,
      'digits',
    ),
    retweetsOnlyUserIds: read.strings(
      o['retweetsOnlyUserIds'] ?? [],
      `${where}.retweetsOnlyUserIds`,
    ),
  };
}

function featureSets(read: JsonReader, raw: unknown, where: string): string[][] {
  const sets = read.array(raw, where).map((set, i) => read.strings(set, `${where}[${i}]`));
  return sets.length > 0 ? sets : [[]];
}

function optionalTimestamp(read: JsonReader, raw: unknown, where: string): string | null {
  return raw === null || raw === undefined ? null : read.timestamp(raw, where);
}

/** A stable hex salt per account, like the `salt` field X returns. */
export function saltFor(accountId: string): string {
  return createHash('sha256').update(`sandbox-salt:${accountId}`).digest('hex').slice(0, 32);
}
