import iconv from 'iconv-lite';

/** WHATWG treats these labels as windows-1252 (a superset that real "latin-1" feeds rely on). */
const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  utf8: 'utf-8',
};

function normalize(label: string | null | undefined): string | null {
  if (!label) return null;
  const name = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  const resolved = ALIASES[name] ?? name;
  return iconv.encodingExists(resolved) ? resolved : null;
}

function fromBom(body: Buffer): { encoding: string; skip: number } | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/** `<?` in UTF-16 without a BOM (XML 1.0 appendix F). */
function sniffUtf16(body: Buffer): string | null {
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] === 0x3f && body[3] === 0x00) return 'utf-16le';
  if (body[0] === 0x00 && body[1] === 0x3c && body[2] === 0x00 && body[3] === 0x3f) return 'utf-16be';
  return null;
}

function fromXmlDeclaration(body: Buffer): string | null {
  // The declaration is ASCII in every ASCII-compatible encoding, so reading it as latin1 is safe.
  const head = body.subarray(0, 512).toString('latin1');
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return normalize(match?.[1]);
}

function fromContentType(contentType: string | null): string | null {
  const match = /charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return normalize(match?.[2]);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function tryUtf8(body: Buffer): string | null {
  try {
    return strictUtf8.decode(body);
  } catch {
    return null;
  }
}

/**
 * Decode a feed body to text. The byte-order mark wins, then the HTTP charset, then the XML
 * declaration, then UTF-16 sniffing, then UTF-8. Feeds often lie about UTF-8: bytes that are not
 * valid UTF-8 are decoded as the XML declaration's charset when it differs, else windows-1252,
 * instead of turning every accented letter into U+FFFD.
 */
export function decodeFeedBody(body: Buffer, contentType: string | null): { text: string; encoding: string } {
  const bom = fromBom(body);
  if (bom) return { text: iconv.decode(body.subarray(bom.skip), bom.encoding), encoding: bom.encoding };
  const declared = fromXmlDeclaration(body);
  const encoding = fromContentType(contentType) ?? declared ?? sniffUtf16(body) ?? 'utf-8';
  if (encoding !== 'utf-8') return { text: iconv.decode(body, encoding), encoding };
  const utf8 = tryUtf8(body);
  if (utf8 !== null) return { text: utf8, encoding };
  const fallback = declared && declared !== 'utf-8' ? declared : 'windows-1252';
  return { text: iconv.decode(body, fallback), encoding: fallback };
}
