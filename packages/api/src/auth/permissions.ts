import type { Role } from '@consailt/db';

/** Every permission scope. Procedures declare one through `requirePermission`. */
export const SCOPES = [
  'knowledge:read',
  'knowledge:write',
  'knowledge:manage',
  'taxonomy:manage',
  'engagements:manage',
  'feeds:manage',
  'members:manage',
  'keys:manage',
  'budgets:manage',
  'analytics:read',
  'audit:read',
  'ai:use',
  'settings:manage',
  'org:manage',
] as const;
export type Scope = (typeof SCOPES)[number];

/** The one table mapping roles to scopes (printed in docs/API.md). */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  owner: SCOPES,
  admin: SCOPES.filter((s) => s !== 'org:manage'),
  member: ['knowledge:read', 'knowledge:write', 'analytics:read', 'ai:use'],
  viewer: ['knowledge:read'],
};

export function scopesForRole(role: Role): readonly Scope[] {
  return ROLE_SCOPES[role];
}

export function hasScope(scopes: readonly string[], scope: Scope): boolean {
  return scopes.includes(scope);
}
