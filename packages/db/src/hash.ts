import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Stable hash of what an entry's index is built from. */
export function entryContentHash(title: string, body: string): string {
  return sha256(`${title}\u0000${body}`);
}

/** Words as a reader counts them: runs of letters/digits, markdown punctuation ignored. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}
