import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';

/**
 * Awaits a server-side tRPC call and turns "not found" (missing, another organization's, someone
 * else's private entry) and "bad request" (an id in the address that is not a UUID) into the 404 page.
 */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST'))
      notFound();
    throw error;
  }
}
