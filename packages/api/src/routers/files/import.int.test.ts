import { fileContents, knowledgeEntries } from '@consailt/db';
import { createMember, createOrg } from '@consailt/db/testing';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { and, eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import { callerAs, createTestRuntime } from '../../testing';

const drain = (runtime: Runtime) => (runtime.queue as unknown as { drain(): Promise<void> }).drain();
const b64 = (data: Uint8Array | string) => Buffer.from(data).toString('base64');

/** A real, minimal PDF with a title and two lines of text (made with pdf-lib). */
async function makePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Market sizing PDF');
  const page = doc.addPage([400, 300]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Market sizing for the Nordic grocery segment.', { x: 20, y: 250, size: 11, font });
  page.drawText('The segment grows four percent a year.', { x: 20, y: 230, size: 11, font });
  return doc.save();
}

/** A real, minimal DOCX with a heading and a paragraph (made with docx). */
async function makeDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Interview summary', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('The operations director wants weekly replenishment.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('importing documents', () => {
  let runtime: Runtime;
  let org: string;
  let user: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    org = (await createOrg(runtime.database.db)).id;
    user = (await createMember(runtime.database.db, { orgId: org })).user.id;
  });
  afterAll(async () => {
    await runtime?.close();
  });

  async function importAndWait(
    filename: string,
    data: Uint8Array | string,
    extra: Record<string, unknown> = {},
  ) {
    const api = await callerAs(runtime, user, org);
    const uploaded = await api.files.upload({ filename, contentBase64: b64(data), ...extra });
    await drain(runtime);
    return { api, uploaded, file: await api.files.byId({ id: uploaded.id }) };
  }

  const cases: [string, () => Promise<Uint8Array | string>, string, RegExp][] = [
    [
      'notes.md',
      async () => '# Workshop notes\n\nWe agreed on **weekly** replenishment.',
      'Workshop notes',
      /\*\*weekly\*\*/,
    ],
    ['memo.txt', async () => 'Plain memo about pallet sizes.', 'memo', /pallet sizes/],
    [
      'page.html',
      async () =>
        '<html><head><title>Competitor page</title><script>alert(1)</script></head><body><h2>Prices</h2><p>They cut prices by <b>5%</b>.</p></body></html>',
      'Competitor page',
      /## Prices[\s\S]*They cut prices by \*\*5%\*\*/,
    ],
    ['sizing.pdf', makePdf, 'Market sizing PDF', /Nordic grocery segment[\s\S]*four percent/],
    ['interview.docx', makeDocx, 'Interview summary', /# Interview summary[\s\S]*weekly replenishment/],
  ];
  for (const [filename, make, title, body] of cases) {
    it(`imports ${filename.split('.')[1]} as an entry with source "import", indexed for search`, async () => {
      const { api, file } = await importAndWait(filename, await make(), { tags: ['imported'] });
      expect(file).toMatchObject({ status: 'completed', error: null });
      const entry = await api.knowledge.byId({ id: file.entryId ?? '' });
      expect(entry).toMatchObject({ title, source: 'import', type: 'document' });
      expect(entry.body).toMatch(body);
      expect(entry.body).not.toContain('alert(1)');
      expect(entry.tags.map((t) => t.name)).toEqual(['imported']);
      expect(entry.indexedAt).not.toBeNull();
      const left = await runtime.database.db
        .select()
        .from(fileContents)
        .where(eq(fileContents.fileId, file.id));
      expect(left).toEqual([]);
    });
  }

  it('marks a corrupt PDF failed with a clear error and creates no entry', async () => {
    const before = await runtime.database.db
      .select({ id: knowledgeEntries.id })
      .from(knowledgeEntries)
      .where(eq(knowledgeEntries.orgId, org));
    const { file } = await importAndWait(
      'broken.pdf',
      '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref',
    );
    expect(file.status).toBe('failed');
    expect(file.error).toMatch(/Could not read the PDF/);
    expect(file.entryId).toBeNull();
    const after = await runtime.database.db
      .select({ id: knowledgeEntries.id })
      .from(knowledgeEntries)
      .where(eq(knowledgeEntries.orgId, org));
    expect(after.length).toBe(before.length);
  });

  it('refuses an oversized file, a wrong extension and an unsupported type before storing anything', async () => {
    const api = await callerAs(runtime, user, org);
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61);
    await expect(api.files.upload({ filename: 'big.txt', contentBase64: b64(big) })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('the limit is 10 MB'),
    });
    await expect(
      api.files.upload({ filename: 'report.pdf', contentBase64: b64('just some text') }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('does not match its extension'),
    });
    await expect(
      api.files.upload({ filename: 'scan.docx', contentBase64: b64(await makePdf()) }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      api.files.upload({ filename: 'slides.pptx', contentBase64: b64('x') }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Unsupported file type .pptx'),
    });
    expect(
      (await api.files.list()).some((f) =>
        ['big.txt', 'report.pdf', 'scan.docx', 'slides.pptx'].includes(f.filename),
      ),
    ).toBe(false);
  });

  it('returns the earlier import when the same file is uploaded again', async () => {
    const first = await importAndWait('again.md', '# Same file\n\nTwice.');
    const api = await callerAs(runtime, user, org);
    const second = await api.files.upload({
      filename: 'again-copy.md',
      contentBase64: b64('# Same file\n\nTwice.'),
    });
    expect(second).toMatchObject({ id: first.file.id, duplicate: true, entryId: first.file.entryId });
    const entries = await runtime.database.db
      .select({ id: knowledgeEntries.id })
      .from(knowledgeEntries)
      .where(and(eq(knowledgeEntries.orgId, org), eq(knowledgeEntries.title, 'Same file')));
    expect(entries.length).toBe(1);
  });
});
