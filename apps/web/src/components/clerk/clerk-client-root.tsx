'use client';

import dynamic from 'next/dynamic';

/**
 * Clerk's provider as a lazily loaded client component. Importing `@clerk/nextjs` anywhere in the
 * root layout's server graph (even with `await import()`) puts Clerk's client code in every page's
 * first-load chunks, in the embedded mode too; behind `next/dynamic` it is a separate chunk that
 * only a page rendered with Clerk configured references.
 */
export const ClerkClientRoot = dynamic(() => import('./clerk-provider').then((m) => m.ClerkProvider));
