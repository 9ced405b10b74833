import { readFileSync } from 'node:fs';
import path from 'node:path';

export type CranDoc = { id: number; title: string; body: string };
export type CranQuery = { position: number; text: string };
/** query position (1-based) → doc id → grade (1 most relevant … 4, or -1). */
export type Qrels = Map<number, Map<number, number>>;

/** Records of a SMART-format file: `.I n` starts one, `.X` lines start its fields. */
function records(text: string): { id: number; fields: Record<string, string> }[] {
  const out: { id: number; fields: Record<string, string> }[] = [];
  let field = '';
  for (const line of text.split('\n')) {
    const start = /^\.I\s+(\d+)/.exec(line);
    if (start) {
      out.push({ id: Number(start[1]), fields: {} });
      field = '';
      continue;
    }
    const marker = /^\.([A-Z])\s*$/.exec(line);
    const rec = out.at(-1);
    if (marker) field = marker[1] ?? '';
    else if (rec && field) rec.fields[field] = `${rec.fields[field] ?? ''}${line}\n`;
  }
  return out;
}

export function loadCranfield(dir: string) {
  const docs: CranDoc[] = records(readFileSync(path.join(dir, 'cran.all.1400'), 'utf8')).map((r) => ({
    id: r.id,
    title: (r.fields.T ?? '').replace(/\s+/g, ' ').trim() || `Document ${r.id}`,
    body: (r.fields.W ?? '').trim(),
  }));
  // cran.qry numbers queries 1, 2, 4, 8, …; cranqrel numbers them 1..225 in file order.
  const queries: CranQuery[] = records(readFileSync(path.join(dir, 'cran.qry'), 'utf8')).map((r, i) => ({
    position: i + 1,
    text: (r.fields.W ?? '').replace(/\s+/g, ' ').trim(),
  }));
  const qrels: Qrels = new Map();
  for (const line of readFileSync(path.join(dir, 'cranqrel'), 'utf8').split('\n')) {
    const [q, d, g] = line.trim().split(/\s+/).map(Number);
    if (q === undefined || d === undefined || g === undefined || Number.isNaN(g)) continue;
    const m = qrels.get(q) ?? new Map<number, number>();
    qrels.set(q, m);
    m.set(d, g);
  }
  return { docs, queries, qrels };
}

/** Grades 1-3 are relevant with gain 4 - grade; 4 ("minimum interest") and -1 are not. */
export function gain(grade: number | undefined): number {
  return grade !== undefined && grade >= 1 && grade <= 3 ? 4 - grade : 0;
}
