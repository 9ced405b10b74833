import { type Database, type Executor, memberships, organizations, type Role, users } from '@consailt/db';
import { and, eq, sql } from 'drizzle-orm';
import { Webhook } from 'svix';
import { z } from 'zod';
import { ValidationError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../types';

/**
 * Clerk is the source of truth for identities, organizations and memberships when it is
 * configured; these handlers mirror its webhooks into our tables. Every handler is an upsert or a
 * delete-if-present, so a redelivered event changes nothing.
 */
const SYSTEM: Actor = { kind: 'system' };

const ZUser = z.object({
  id: z.string(),
  email_addresses: z.array(z.object({ id: z.string(), email_address: z.string() })).default([]),
  primary_email_address_id: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  username: z.string().nullish(),
  image_url: z.string().nullish(),
});
const ZDeleted = z.object({ id: z.string() });
const ZOrg = z.object({ id: z.string(), name: z.string(), slug: z.string().nullish() });
const ZMembership = z.object({
  id: z.string(),
  role: z.string(),
  organization: ZOrg,
  public_user_data: z.object({
    user_id: z.string(),
    identifier: z.string().nullish(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
  }),
});

export const ZClerkEvent = z.object({ type: z.string(), data: z.record(z.string(), z.unknown()) });
export type ClerkEvent = z.infer<typeof ZClerkEvent>;

/** Clerk role keys → our roles. Custom roles `org:owner` / `org:viewer` map directly. */
export function roleFromClerk(role: string): Role {
  switch (role) {
    case 'org:owner':
      return 'owner';
    case 'org:admin':
      return 'admin';
    case 'org:viewer':
      return 'viewer';
    default:
      return 'member';
  }
}

/** Verify the svix signature (and its timestamp window); a bad or replayed signature is a 400. */
export function verifyClerkWebhook(
  body: string,
  headers: { 'svix-id': string | null; 'svix-timestamp': string | null; 'svix-signature': string | null },
  secret: string,
): ClerkEvent {
  if (!headers['svix-id'] || !headers['svix-timestamp'] || !headers['svix-signature']) {
    throw new ValidationError('Missing svix signature headers');
  }
  try {
    // svix checks the HMAC over id.timestamp.body and rejects timestamps outside ±5 minutes.
    new Webhook(secret).verify(body, {
      'svix-id': headers['svix-id'],
      'svix-timestamp': headers['svix-timestamp'],
      'svix-signature': headers['svix-signature'],
    });
  } catch {
    throw new ValidationError('Invalid or expired webhook signature');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new ValidationError('Webhook body is not JSON');
  }
  const parsed = ZClerkEvent.safeParse(payload);
  if (!parsed.success) throw new ValidationError('Webhook body is not a Clerk event');
  return parsed.data;
}

function displayName(
  u: { first_name?: string | null; last_name?: string | null; username?: string | null },
  fallback: string,
) {
  return [u.first_name, u.last_name].filter(Boolean).join(' ') || u.username || fallback;
}

async function upsertUser(
  db: Executor,
  input: { clerkUserId: string; email: string; name: string; avatarUrl?: string | null },
) {
  const [byClerk] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.clerkUserId, input.clerkUserId));
  const [byEmail] = byClerk
    ? [byClerk]
    : await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${input.email})`);
  if (byEmail) {
    await db
      .update(users)
      .set({
        clerkUserId: input.clerkUserId,
        email: input.email,
        name: input.name,
        avatarUrl: input.avatarUrl ?? null,
      })
      .where(eq(users.id, byEmail.id));
    return byEmail.id;
  }
  const [row] = await db
    .insert(users)
    .values({
      clerkUserId: input.clerkUserId,
      email: input.email,
      name: input.name,
      avatarUrl: input.avatarUrl ?? null,
    })
    .returning({ id: users.id });
  if (!row) throw new Error('user upsert returned nothing');
  return row.id;
}

async function upsertOrg(db: Executor, org: z.infer<typeof ZOrg>) {
  const [existing] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.clerkOrgId, org.id));
  if (existing) {
    await db.update(organizations).set({ name: org.name }).where(eq(organizations.id, existing.id));
    return { id: existing.id, created: false };
  }
  const slug = `${(org.slug ?? org.name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)}-${org.id.slice(-6).toLowerCase()}`;
  const [row] = await db
    .insert(organizations)
    .values({ clerkOrgId: org.id, name: org.name, slug })
    .onConflictDoNothing()
    .returning({ id: organizations.id });
  if (row) return { id: row.id, created: true };
  const [again] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.clerkOrgId, org.id));
  if (!again) throw new Error('organization upsert failed');
  return { id: again.id, created: false };
}

/** Apply one verified Clerk event. Unknown event types are acknowledged and ignored. */
export async function applyClerkEvent(db: Database, event: ClerkEvent): Promise<{ handled: boolean }> {
  return db.transaction(async (tx) => {
    switch (event.type) {
      case 'user.created':
      case 'user.updated': {
        const u = ZUser.parse(event.data);
        const email =
          u.email_addresses.find((e) => e.id === u.primary_email_address_id)?.email_address ??
          u.email_addresses[0]?.email_address ??
          `${u.id}@users.clerk.invalid`;
        await upsertUser(tx, {
          clerkUserId: u.id,
          email,
          name: displayName(u, email),
          avatarUrl: u.image_url,
        });
        return { handled: true };
      }
      case 'user.deleted': {
        const { id } = ZDeleted.parse(event.data);
        await tx.delete(users).where(eq(users.clerkUserId, id));
        return { handled: true };
      }
      case 'organization.created':
      case 'organization.updated': {
        const org = await upsertOrg(tx, ZOrg.parse(event.data));
        if (org.created) {
          await withOrgAudit(tx, org.id, 'org.created', { via: 'clerk' });
        }
        return { handled: true };
      }
      case 'organization.deleted': {
        const { id } = ZDeleted.parse(event.data);
        await tx.delete(organizations).where(eq(organizations.clerkOrgId, id));
        return { handled: true };
      }
      case 'organizationMembership.created':
      case 'organizationMembership.updated': {
        const m = ZMembership.parse(event.data);
        const org = await upsertOrg(tx, m.organization);
        const email = m.public_user_data.identifier ?? `${m.public_user_data.user_id}@users.clerk.invalid`;
        const userId = await upsertUser(tx, {
          clerkUserId: m.public_user_data.user_id,
          email,
          name: displayName(m.public_user_data, email),
        });
        const role = roleFromClerk(m.role);
        const [existing] = await tx
          .select({ id: memberships.id, role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, userId)));
        if (existing?.role === role) return { handled: true };
        if (existing) await tx.update(memberships).set({ role }).where(eq(memberships.id, existing.id));
        else await tx.insert(memberships).values({ orgId: org.id, userId, role });
        await withOrgAudit(tx, org.id, existing ? 'member.role_changed' : 'member.added', {
          via: 'clerk',
          userId,
          role,
          from: existing?.role ?? null,
        });
        return { handled: true };
      }
      case 'organizationMembership.deleted': {
        const m = ZMembership.parse(event.data);
        const [org] = await tx
          .select({ id: organizations.id })
          .from(organizations)
          .where(eq(organizations.clerkOrgId, m.organization.id));
        const [user] = await tx
          .select({ id: users.id })
          .from(users)
          .where(eq(users.clerkUserId, m.public_user_data.user_id));
        if (org && user) {
          const removed = await tx
            .delete(memberships)
            .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, user.id)))
            .returning({ id: memberships.id });
          if (removed.length)
            await withOrgAudit(tx, org.id, 'member.removed', { via: 'clerk', userId: user.id });
        }
        return { handled: true };
      }
      default:
        return { handled: false };
    }
  });
}

async function withOrgAudit(tx: Executor, orgId: string, action: string, metadata: Record<string, unknown>) {
  await recordAudit(tx, {
    orgId,
    actor: SYSTEM,
    action,
    targetType: 'organization',
    targetId: orgId,
    metadata,
  });
}
