import { describe, expect, it } from 'vitest';
import { parseReturnTo } from '../../src/auth/return-to.js';

describe('parseReturnTo (O8)', () => {
  it('defaults to / when absent or empty', () => {
    expect(parseReturnTo(null)).toBe('/');
    expect(parseReturnTo('')).toBe('/');
  });

  it.each(['/', '/dashboard', '/accounts/18ce54d4x5t?tab=roles#matrix', '/a/%2F%2Fb', '/@me'])(
    'keeps the local path %s',
    (path) => {
      expect(parseReturnTo(path)).toBe(path);
    },
  );

  it.each([
    '//evil.example',
    '///evil.example',
    'https://evil.example/',
    'http:/evil.example',
    'javascript:alert(1)',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    'evil.example',
    '/\tevil',
    '/\r\nLocation: https://evil.example',
    `/${'a'.repeat(2048)}`,
  ])('refuses %j', (raw) => {
    expect(parseReturnTo(raw)).toBeNull();
  });
});
