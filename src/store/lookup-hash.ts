/**
 * Session ids and browser-binding values are stored only as this hash, so a copy of the database
 * grants no sessions. They carry 256 random bits, so an unsalted SHA-256 is enough.
 */
import { createHash } from 'node:crypto';

/** The lowercase hex SHA-256 of `value`. */
export function lookupHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
