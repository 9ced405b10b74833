import { createClerkClient } from '@clerk/backend';
import type { Role } from '@consailt/db';
import type { ApiEnv } from '../../env';

/**
 * Mirrors organization management to Clerk when Clerk is configured: Clerk stays the source of
 * truth for identities, organizations and memberships, so a change is made there first (a Clerk
 * error aborts the local change) and the webhook later re-applies it idempotently. Our roles map
 * to Clerk role keys; `org:owner` and `org:viewer` must exist as custom roles in the Clerk
 * dashboard (Clerk ships `org:admin` and `org:member`).
 */
export type ClerkMirror = {
  createOrganization(input: {
    name: string;
    createdByClerkUserId: string | null;
  }): Promise<{ clerkOrgId: string }>;
  renameOrganization(clerkOrgId: string, name: string): Promise<void>;
  setRole(clerkOrgId: string, clerkUserId: string, role: Role): Promise<void>;
  removeMember(clerkOrgId: string, clerkUserId: string): Promise<void>;
  invite(input: {
    clerkOrgId: string;
    email: string;
    role: Role;
    inviterClerkUserId: string | null;
  }): Promise<void>;
  revokeInvitation(input: {
    clerkOrgId: string;
    email: string;
    requestingClerkUserId: string | null;
  }): Promise<void>;
};

export function clerkRole(role: Role): string {
  return `org:${role}`;
}

export function createClerkMirror(env: ApiEnv): ClerkMirror | null {
  if (!env.CLERK_SECRET_KEY) return null;
  const clerk = createClerkClient({
    secretKey: env.CLERK_SECRET_KEY,
    apiUrl: env.CLERK_API_URL,
    telemetry: { disabled: true },
  });
  const orgs = clerk.organizations;
  return {
    async createOrganization({ name, createdByClerkUserId }) {
      const org = await orgs.createOrganization({ name, createdBy: createdByClerkUserId ?? undefined });
      return { clerkOrgId: org.id };
    },
    async renameOrganization(clerkOrgId, name) {
      await orgs.updateOrganization(clerkOrgId, { name });
    },
    async setRole(clerkOrgId, clerkUserId, role) {
      await orgs.updateOrganizationMembership({
        organizationId: clerkOrgId,
        userId: clerkUserId,
        role: clerkRole(role),
      });
    },
    async removeMember(clerkOrgId, clerkUserId) {
      await orgs.deleteOrganizationMembership({ organizationId: clerkOrgId, userId: clerkUserId });
    },
    async invite({ clerkOrgId, email, role, inviterClerkUserId }) {
      await orgs.createOrganizationInvitation({
        organizationId: clerkOrgId,
        emailAddress: email,
        role: clerkRole(role),
        inviterUserId: inviterClerkUserId ?? undefined,
      });
    },
    async revokeInvitation({ clerkOrgId, email, requestingClerkUserId }) {
      const pending = await orgs.getOrganizationInvitationList({
        organizationId: clerkOrgId,
        status: ['pending'],
      });
      for (const inv of pending.data.filter((i) => i.emailAddress.toLowerCase() === email.toLowerCase())) {
        await orgs.revokeOrganizationInvitation({
          organizationId: clerkOrgId,
          invitationId: inv.id,
          requestingUserId: requestingClerkUserId ?? undefined,
        });
      }
    },
  };
}
