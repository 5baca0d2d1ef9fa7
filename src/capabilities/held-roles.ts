import { ROLES } from '../upstream/types.js';
import type { Role, UserAccess } from '../upstream/types.js';

/**
 * Returns the roles among `access.permissions`, most powerful first (the order of `ROLES`),
 * without duplicates. Usually one; more than one has never been seen (UNVERIFIED).
 */
export function heldRoles(access: UserAccess): readonly Role[] {
  return ROLES.filter((role) => access.permissions.includes(role));
}
