import { z } from 'zod';

/**
 * Clerk settings: part of `apiEnvSchema`, and also parsed on their own here for the web app's proxy
 * and root layout, which must stay free of the database, queue and AI imports that the full api env
 * pulls in. Empty strings count as unset, as everywhere else.
 */
export const clerkEnvShape = {
  CLERK_SECRET_KEY: z.string().optional(),
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: z.string().optional(),
  /** PEM public key of the Clerk instance: session tokens are then verified without a network call. */
  CLERK_JWT_KEY: z.string().optional(),
  /** Expected `iss` of session tokens (your Clerk Frontend API URL); checked when set. */
  CLERK_ISSUER: z.url('CLERK_ISSUER must be a URL').optional(),
  /** Comma-separated origins allowed as the token's `azp`. */
  CLERK_AUTHORIZED_PARTIES: z.string().optional(),
};

const clerkEnvSchema = z.object(clerkEnvShape);

export type ClerkWebConfig = {
  publishableKey: string;
  jwtKey: string | undefined;
  authorizedParties: string[] | undefined;
  signInUrl: '/sign-in';
  signUpUrl: '/sign-up';
};

export function parseAuthorizedParties(value: string | undefined): string[] | undefined {
  const parties = value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parties?.length ? parties : undefined;
}

/**
 * Clerk's configuration for the web app, or null when Clerk is not configured (embedded mode: no
 * ClerkProvider, no Clerk middleware, no network calls to Clerk). Read at request time, never at build
 * time, so one build serves both modes.
 */
export function getClerkWebConfig(source: NodeJS.ProcessEnv = process.env): ClerkWebConfig | null {
  const cleaned = Object.fromEntries(
    Object.keys(clerkEnvShape).map((k) => [k, source[k]?.trim() ? source[k]?.trim() : undefined]),
  );
  const parsed = clerkEnvSchema.safeParse(cleaned);
  // A malformed value is reported at boot by the full api env; here it only means "not configured".
  if (!parsed.success) return null;
  const env = parsed.data;
  if (!env.CLERK_SECRET_KEY || !env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) return null;
  return {
    publishableKey: env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
    jwtKey: env.CLERK_JWT_KEY,
    authorizedParties: parseAuthorizedParties(env.CLERK_AUTHORIZED_PARTIES),
    signInUrl: '/sign-in',
    signUpUrl: '/sign-up',
  };
}
