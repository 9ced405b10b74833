'use server';

import { cookies, headers } from 'next/headers';
import { serverCaller } from '@/trpc/server';
import { ACTIVE_ORG_COOKIE, ACTIVE_ORG_MAX_AGE_SECONDS } from './active-org';

/** Secure cookies over HTTPS (directly or behind a proxy); the embedded mode also runs on plain http. */
async function isHttpsRequest(): Promise<boolean> {
  const incoming = await headers();
  const proto = incoming.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return proto === 'https' || (incoming.get('origin')?.startsWith('https:') ?? false);
}

export type SwitchResult = { ok: true; name: string } | { ok: false; error: string };

/**
 * Makes `orgId` the active organization for this browser. Checked against the caller's memberships
 * first, so a bad id fails here with a message instead of turning every later request into a 404.
 */
export async function switchOrganization(orgId: string): Promise<SwitchResult> {
  let mine: { id: string; name: string }[];
  try {
    mine = await (await serverCaller()).orgs.mine();
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : 'Could not load your organizations' };
  }
  const org = mine.find((candidate) => candidate.id === orgId);
  if (!org) return { ok: false, error: 'You are not a member of that organization' };
  (await cookies()).set(ACTIVE_ORG_COOKIE, orgId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: await isHttpsRequest(),
    maxAge: ACTIVE_ORG_MAX_AGE_SECONDS,
  });
  return { ok: true, name: org.name };
}

/** Forgets the choice (after leaving an organization): the API falls back to the first membership. */
export async function clearActiveOrganization(): Promise<void> {
  (await cookies()).delete(ACTIVE_ORG_COOKIE);
}
