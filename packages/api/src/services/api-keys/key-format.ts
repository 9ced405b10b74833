import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// `csk_<12-char prefix>_<32-char secret>`: the prefix finds the row, the whole key is verified
// against a keyed hash (HMAC-SHA256 with a server secret), so a database leak reveals no usable key.
const KEY_PATTERN = /^csk_([a-z0-9]{12})_([A-Za-z0-9]{32})$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number, alphabet: string): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    const b = bytes[i] as number;
    // Reject bytes past the largest multiple of the alphabet size: no modulo bias.
    if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
  }
  return out.length === length ? out : randomString(length, alphabet);
}

export function generateApiKey(): { key: string; prefix: string } {
  const prefix = randomString(12, 'abcdefghijklmnopqrstuvwxyz0123456789');
  return { key: `csk_${prefix}_${randomString(32, ALPHABET)}`, prefix };
}

export function parseApiKey(key: string): { prefix: string } | null {
  const m = KEY_PATTERN.exec(key);
  return m?.[1] ? { prefix: m[1] } : null;
}

export function hashApiKey(key: string, secret: string): string {
  return createHmac('sha256', `${secret}:api-keys`).update(key).digest('hex');
}

export function verifyApiKeyHash(key: string, hash: string, secret: string): boolean {
  const expected = Buffer.from(hashApiKey(key, secret), 'hex');
  const given = Buffer.from(hash, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
