import { ForbiddenError, UnauthenticatedError } from '../domain/errors';

/**
 * Roles, each allowing what the one before allows and more: `reader` reads,
 * `curator` also writes the graph and mapping studies, `admin` also reads the
 * audit log.
 */
export const ROLES = ['reader', 'curator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who sent a request: the API key's id and role, or `null` for a request without a key. */
export type Principal = { keyId: string; role: Role } | null;

/**
 * Returns the principal when it has at least `role`; throws
 * `UnauthenticatedError` for an anonymous request and `ForbiddenError` for a
 * key whose role is lower. Call it before reading the arguments, so a caller
 * without the role learns nothing about the input's validity.
 */
export function requireRole(principal: Principal | undefined, role: Role, action: string): { keyId: string; role: Role } {
  if (!principal) {
    throw new UnauthenticatedError(`"${action}" needs an API key with role ${role} or higher; send it as "Authorization: Bearer <key>".`, {
      required: role,
    });
  }
  if (ROLES.indexOf(principal.role) < ROLES.indexOf(role)) {
    throw new ForbiddenError(`"${action}" needs role ${role} or higher; key "${principal.keyId}" has role ${principal.role}.`, {
      required: role,
    });
  }
  return principal;
}
