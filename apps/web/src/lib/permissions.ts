import { ROLE_SCOPES, type Scope } from '@consailt/api/permissions';
import type { Role } from '@/components/role-badge';

export type { Scope };

/**
 * Scopes a role holds, from the same table the server enforces. The UI uses it only to hide actions a
 * role cannot take; the server refuses them regardless.
 */
export function scopesFor(role: Role | null): readonly Scope[] {
  return role ? ROLE_SCOPES[role] : [];
}

export function roleCan(role: Role | null, scope: Scope): boolean {
  return scopesFor(role).includes(scope);
}

/** Roles a caller may hand out: only owners grant (or take away) ownership. */
export function assignableRoles(role: Role | null): Role[] {
  return role === 'owner' ? ['owner', 'admin', 'member', 'viewer'] : ['admin', 'member', 'viewer'];
}

/** One line per scope for the roles table and the API key form. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'knowledge:read': 'Read knowledge, engagements and the member list',
  'knowledge:write': 'Capture and edit knowledge',
  'knowledge:manage': 'Delete, restore and purge anyone’s entries',
  'taxonomy:manage': 'Manage tags and categories',
  'engagements:manage': 'Create and close engagements',
  'feeds:manage': 'Manage client news feeds',
  'members:manage': 'Invite, remove and change roles',
  'keys:manage': 'Create and revoke API keys',
  'budgets:manage': 'Set AI spending limits',
  'analytics:read': 'See AI usage and spend',
  'audit:read': 'Read the audit log',
  'ai:use': 'Run AI features',
  'settings:manage': 'Change AI routing, sensitive terms and tracing',
  'org:manage': 'Rename the organization',
};
