'use client';

// The client build of Clerk's provider (what its server component renders when it is not `dynamic`).
export { ClerkProvider } from '@clerk/nextjs';
