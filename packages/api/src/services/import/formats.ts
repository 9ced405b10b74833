import { ValidationError } from '../../errors';

export const IMPORT_FORMATS = ['markdown', 'text', 'html', 'pdf', 'docx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Largest upload accepted (bytes): the request carries it base64-encoded, a third larger. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const BY_EXTENSION: Record<string, { format: ImportFormat; mime: string }> = {
  md: { format: 'markdown', mime: 'text/markdown' },
  markdown: { format: 'markdown', mime: 'text/markdown' },
  txt: { format: 'text', mime: 'text/plain' },
  text: { format: 'text', mime: 'text/plain' },
  html: { format: 'html', mime: 'text/html' },
  htm: { format: 'html', mime: 'text/html' },
  pdf: { format: 'pdf', mime: 'application/pdf' },
  docx: { format: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
};

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.subarray(0, 8192).includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The format of an upload, from its extension, checked against its first bytes: a PDF must start
 * with `%PDF-`, a DOCX is a ZIP archive, text formats must be UTF-8 without NUL bytes. A file whose
 * content does not match its extension is refused here, before anything is stored.
 */
export function detectFormat(filename: string, bytes: Uint8Array): { format: ImportFormat; mime: string } {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  const known = BY_EXTENSION[ext];
  if (!known) {
    throw new ValidationError(
      `Unsupported file type${ext ? ` .${ext}` : ''}: upload Markdown (.md), plain text (.txt), HTML, PDF or Word (.docx)`,
    );
  }
  const ok =
    known.format === 'pdf'
      ? startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])
      : known.format === 'docx'
        ? startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])
        : looksLikeText(bytes);
  if (!ok)
    throw new ValidationError(
      `${filename} is not a valid .${ext} file: its content does not match its extension`,
    );
  return known;
}
