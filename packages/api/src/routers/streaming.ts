import { z } from 'zod';
import { toTRPCError } from '../errors';

/**
 * Output schema of a streamed procedure. tRPC does not run output parsers over the items of a
 * stream, so the stream is declared by type; each event is built by the service from typed data.
 * Clients need `httpBatchStreamLink`.
 */
export const zEventStream = <T>() =>
  z.custom<AsyncGenerator<T>>((v) => typeof v === 'object' && v !== null && Symbol.asyncIterator in v);

/** Domain errors raised after the stream started still reach the client with their proper code. */
export async function* mappedErrors<T>(stream: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* stream;
  } catch (error) {
    throw toTRPCError(error) ?? error;
  }
}
