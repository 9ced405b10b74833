/**
 * Retrieval quality on the Cranfield collection, through the product's own paths: every document
 * is created with `knowledge.create` and indexed by the `ingest-entry` job (chunking, embeddings,
 * BM25 statistics), every query goes through `search.query` (lexical, vector, hybrid), and a plain
 * in-memory BM25 (k1 = 0.9, b = 0.4) scores the same lexemes (PostgreSQL's english tsvector of
 * title + abstract) in the same run as the yardstick.
 *
 *   npm run bench:retrieval -- --dataset ../shared/datasets/cranfield
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/consailt_bench_search npm run bench:retrieval -- --dataset …
 *
 * Relevance: grades 1-3 are relevant with gain 4 - grade; 4 and -1 are not. Queries are matched
 * to judgments by position (cran.qry skips .I numbers). Prints a table, then one JSON line.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createMember, createOrg } from '@consailt/db/testing';
import { sql } from 'drizzle-orm';
import type { SearchMode } from '../src/services/search';
import { queryRows } from '../src/services/search/sql-utils';
import { callerAs, createTestRuntime } from '../src/testing';
import { loadCranfield } from './lib/cranfield';
import { apAt, mean, ndcgAt, recallAt, round } from './lib/metrics';
import { createReferenceBm25, type TermFreqs } from './lib/reference-bm25';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: '../shared/datasets/cranfield' },
    /** Extra hybrid runs with these lexical:vector RRF weights, e.g. "1:0.5,1:0.25". */
    weights: { type: 'string' },
  },
});
const dataset = path.resolve(process.cwd(), args.dataset ?? '');
const { docs, queries, qrels } = loadCranfield(dataset);

const runtime = await createTestRuntime();
const db = runtime.database.db;
const org = await createOrg(db, { name: 'Cranfield benchmark' });
const { user } = await createMember(db, { orgId: org.id, role: 'owner' });
const api = await callerAs(runtime, user.id, org.id);

// 1. Load through the real ingestion path.
let started = performance.now();
const docByEntry = new Map<string, number>();
for (const doc of docs) {
  const { id } = await api.knowledge.create({
    title: doc.title.slice(0, 300),
    body: doc.body,
    type: 'document',
  });
  docByEntry.set(id, doc.id);
}
await (runtime.queue as unknown as { drain(): Promise<void> }).drain();
const loadSeconds = (performance.now() - started) / 1000;
// As autovacuum would after a bulk load: the planner needs statistics for the new rows.
for (const table of ['chunks', 'knowledge_entries', 'term_stats'])
  await db.execute(sql`analyze ${sql.identifier(table)}`);
const [counts] = await queryRows<{ chunks: number; indexed: number }>(
  db,
  sql`select (select count(*) from chunks where org_id = ${org.id})::int as chunks,
        (select count(*) from knowledge_entries where org_id = ${org.id} and indexed_hash = content_hash)::int as indexed`,
);
if (counts?.indexed !== docs.length)
  throw new Error(`only ${counts?.indexed} of ${docs.length} entries indexed`);

// 2. Reference BM25 on the same lexemes, computed in this process.
async function lexemes(texts: string[]): Promise<TermFreqs[]> {
  const rows = await queryRows<{ i: number; lexeme: string; n: number }>(
    db,
    sql`select x.i::int as i, u.lexeme, coalesce(array_length(u.positions, 1), 1)::int as n
        from unnest(${`{${texts.map((t) => `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`}::text[])
          with ordinality as x(t, i),
        unnest(to_tsvector('english', x.t)) u`,
  );
  const out = texts.map(() => new Map<string, number>());
  for (const r of rows) out[r.i - 1]?.set(r.lexeme, r.n);
  return out;
}
const docTokens = await lexemes(docs.map((d) => `${d.title} ${d.body}`));
const reference = createReferenceBm25(new Map(docs.map((d, i) => [d.id, docTokens[i] ?? new Map()])));
const queryTokens = await lexemes(queries.map((q) => q.text));

// 3. Every query through search.query.
type Run = {
  name: string;
  mode: SearchMode | 'reference';
  tuning?: { lexicalWeight: number; vectorWeight: number };
};
const runs: Run[] = [
  { name: 'reference BM25', mode: 'reference' },
  { name: 'lexical', mode: 'lexical' },
  { name: 'vector', mode: 'vector' },
  { name: 'hybrid', mode: 'hybrid' },
];
for (const w of (args.weights ?? '').split(',').filter(Boolean)) {
  const [l, v] = w.split(':').map(Number);
  runs.push({ name: `hybrid ${w}`, mode: 'hybrid', tuning: { lexicalWeight: l ?? 1, vectorWeight: v ?? 1 } });
}

const judgedQueries = queries.filter((q) =>
  [...(qrels.get(q.position)?.values() ?? [])].some((g) => g >= 1 && g <= 3),
);
const results: Record<string, { ndcg10: number; map100: number; recall100: number; msPerQuery: number }> = {};
for (const run of runs) {
  const ndcg: number[] = [];
  const ap: number[] = [];
  const recall: number[] = [];
  started = performance.now();
  for (const q of judgedQueries) {
    const judged = qrels.get(q.position) ?? new Map<number, number>();
    let ranked: number[];
    if (run.mode === 'reference') {
      ranked = reference.search(queryTokens[q.position - 1] ?? new Map(), 100);
    } else {
      const res = await api.search.query({ query: q.text, mode: run.mode, limit: 100, tuning: run.tuning });
      ranked = res.items.map((i) => docByEntry.get(i.id) ?? -1);
    }
    ndcg.push(ndcgAt(ranked, judged, 10));
    ap.push(apAt(ranked, judged, 100));
    recall.push(recallAt(ranked, judged, 100));
  }
  results[run.name] = {
    ndcg10: round(mean(ndcg)),
    map100: round(mean(ap)),
    recall100: round(mean(recall)),
    msPerQuery: round((performance.now() - started) / judgedQueries.length, 2),
  };
}

const ref = results['reference BM25'];
const lex = results.lexical;
const lexicalVsReference = ref && lex ? round(lex.ndcg10 / ref.ndcg10 - 1, 4) : null;
console.log(
  `Cranfield: ${docs.length} documents (${counts?.chunks} chunks, loaded and indexed in ${loadSeconds.toFixed(1)} s on ${runtime.database.kind}), ${judgedQueries.length} judged queries`,
);
console.log('run                     nDCG@10  MAP@100  Recall@100  ms/query');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(22)}  ${r.ndcg10.toFixed(4)}   ${r.map100.toFixed(4)}   ${r.recall100.toFixed(4)}      ${r.msPerQuery}`,
  );
}
console.log(
  `lexical vs reference BM25 (nDCG@10): ${lexicalVsReference === null ? 'n/a' : `${(lexicalVsReference * 100).toFixed(2)}%`}`,
);
console.log(
  JSON.stringify({
    bench: 'retrieval',
    dataset: 'cranfield',
    database: runtime.database.kind,
    documents: docs.length,
    chunks: counts?.chunks,
    queries: judgedQueries.length,
    relevance: 'grades 1-3 relevant, gain 4-grade; 4 and -1 not relevant',
    bm25: { k1: 0.9, b: 0.4 },
    loadSeconds: round(loadSeconds, 1),
    results,
    lexicalVsReferenceNdcg10: lexicalVsReference,
  }),
);
await runtime.close();
