import { readFileSync } from 'node:fs';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { printSchemaText, SCHEMA_FILE } from '../../src/schema/print.js';

const ownTypes = (): GraphQLNamedType[] =>
  Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));

describe('the GraphQL schema', () => {
  it('matches the checked-in schema.graphql (run `npm run print-schema` after changing it)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printSchemaText());
  });

  it('describes every type, field, argument and enum value of its own', () => {
    const missing: string[] = [];
    const builtIn = new Set(['String', 'Boolean', 'ID', 'Int', 'Float']);
    for (const type of ownTypes()) {
      if (builtIn.has(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) {
          if (!value.description) missing.push(`${type.name}.${value.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the contract names other teams depend on', () => {
    const query = schema.getQueryType()?.getFields() ?? {};
    expect(Object.keys(query).sort()).toEqual(['adAccount', 'adAccounts', 'me']);
    expect(String(query['adAccounts']?.type)).toBe('[AdAccount]!');
    expect(String(query['adAccount']?.type)).toBe('AdAccount');
    const capability = schema.getType('Capability');
    expect(isObjectType(capability) && Object.keys(capability.getFields())).toEqual(
      expect.arrayContaining([
        'feature',
        'status',
        'allowed',
        'reason',
        'blockedBy',
        'grantedBy',
        'retryAfter',
        'checkedAt',
      ]),
    );
    const feature = schema.getType('Feature');
    expect(isEnumType(feature) && feature.getValues().map((value) => value.name)).toEqual([
      'CONVERSION_API',
      'MANAGE_ACCOUNT_USERS',
      'MANAGE_AUDIENCES',
      'MANAGE_CAMPAIGNS',
      'MANAGE_CREATIVES',
      'MANAGE_PARTNER_AUDIENCES',
      'PROMOTED_ONLY_POSTS',
      'VIEW_CAMPAIGN_ANALYTICS',
      'VIEW_ORGANIC_ANALYTICS',
    ]);
  });
});
