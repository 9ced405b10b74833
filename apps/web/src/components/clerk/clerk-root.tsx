import { getClerkWebConfig } from '@consailt/api/clerk-env';
import type { ReactNode } from 'react';
import { ClerkClientRoot } from './clerk-client-root';

/**
 * Mounts ClerkProvider only when Clerk is configured: in the embedded mode nothing of Clerk runs, so
 * the browser never loads Clerk's script and the server never calls Clerk. The keys are passed
 * explicitly (read at request time) because `NEXT_PUBLIC_*` variables are otherwise frozen at build
 * time, and one build must serve both modes.
 */
export function ClerkRoot({ children }: { children: ReactNode }) {
  const clerk = getClerkWebConfig();
  if (!clerk) return children;
  return (
    <ClerkClientRoot
      publishableKey={clerk.publishableKey}
      signInUrl={clerk.signInUrl}
      signUpUrl={clerk.signUpUrl}
      signInFallbackRedirectUrl="/"
      signUpFallbackRedirectUrl="/"
      afterSignOutUrl={clerk.signInUrl}
    >
      {children}
    </ClerkClientRoot>
  );
}

/** True when the web app authenticates with Clerk (server components only). */
export function isClerkEnabled(): boolean {
  return getClerkWebConfig() !== null;
}
