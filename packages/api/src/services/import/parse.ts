import mammoth from 'mammoth';
import TurndownService from 'turndown';
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import type { ImportFormat } from './formats';

export type ParsedDocument = { title: string | null; body: string };

/** A document that cannot be imported (corrupt, encrypted, no text): the message is shown as is. */
export class ImportError extends Error {
  override name = 'ImportError';
}

function htmlToMarkdown(html: string): ParsedDocument {
  const turndown = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
  });
  turndown.remove(['script', 'style', 'noscript', 'iframe', 'head']);
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.replace(/\s+/g, ' ').trim() || null;
  return { title, body: turndown.turndown(html) };
}

async function pdfToText(bytes: Uint8Array): Promise<ParsedDocument> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportError(`Could not read the PDF: the file is damaged or encrypted (${reason})`);
  }
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    const meta = await getMeta(pdf).catch(() => null);
    const title =
      typeof meta?.info?.Title === 'string' && meta.info.Title.trim() ? meta.info.Title.trim() : null;
    // One paragraph per page keeps page boundaries visible to the chunker.
    return {
      title,
      body: text
        .map((page) => page.trim())
        .filter(Boolean)
        .join('\n\n'),
    };
  } finally {
    await pdf.destroy();
  }
}

async function docxToMarkdown(bytes: Uint8Array): Promise<ParsedDocument> {
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportError(`Could not read the Word document: the file is damaged (${reason})`);
  }
  const { body } = htmlToMarkdown(html);
  const title = /^#\s+(.+)$/m.exec(body)?.[1]?.trim() ?? null;
  return { title, body };
}

/**
 * Turn an upload into markdown with maintained parsers: unpdf (PDF.js) for PDF, mammoth for DOCX,
 * turndown for HTML (and for mammoth's HTML), and UTF-8 text as is.
 */
export async function parseDocument(format: ImportFormat, bytes: Uint8Array): Promise<ParsedDocument> {
  let doc: ParsedDocument;
  switch (format) {
    case 'markdown':
    case 'text': {
      const body = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
      const title = format === 'markdown' ? (/^#\s+(.+)$/m.exec(body)?.[1]?.trim() ?? null) : null;
      doc = { title, body };
      break;
    }
    case 'html':
      doc = htmlToMarkdown(new TextDecoder('utf-8').decode(bytes));
      break;
    case 'pdf':
      doc = await pdfToText(bytes);
      break;
    case 'docx':
      doc = await docxToMarkdown(bytes);
      break;
  }
  const body = doc.body
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!body)
    throw new ImportError('No text found in the document (scanned PDFs need OCR, which is not supported)');
  return { title: doc.title, body };
}
