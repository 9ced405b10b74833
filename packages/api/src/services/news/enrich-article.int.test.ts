import { BudgetExceededError } from '@consailt/ai';
import { chunks, newsArticles, newsFeeds, newsRelevance, sha256 } from '@consailt/db';
import { createEngagement, createOrg } from '@consailt/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import { createTestRuntime } from '../../testing';
import { enrichArticle } from './enrich-article';

describe('enrichArticle', () => {
  let runtime: Runtime;
  let orgId: string;
  let feedId: string;

  async function article(title: string, content: string) {
    const [row] = await runtime.database.db
      .insert(newsArticles)
      .values({ orgId, feedId, title, content, dedupeHash: sha256(title + content), publishedAt: new Date() })
      .returning({ id: newsArticles.id });
    if (!row) throw new Error('insert failed');
    return row.id;
  }

  beforeAll(async () => {
    runtime = await createTestRuntime();
    const db = runtime.database.db;
    orgId = (await createOrg(db)).id;
    await createEngagement(db, {
      orgId,
      name: 'Grid',
      clientName: 'Contoso Energy',
      keywords: ['battery storage'],
    });
    const [feed] = await db
      .insert(newsFeeds)
      .values({ orgId, url: 'https://energy.example.test/rss', title: 'Energy' })
      .returning({ id: newsFeeds.id });
    feedId = feed?.id ?? '';
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('is idempotent: a second run (a retried job) writes nothing twice', async () => {
    const id = await article(
      'Contoso Energy expands battery storage',
      'Contoso Energy will build battery storage.',
    );
    expect(await enrichArticle(runtime.deps, { orgId, articleId: id })).toMatchObject({ status: 'enriched' });
    expect(await enrichArticle(runtime.deps, { orgId, articleId: id })).toEqual({ status: 'unchanged' });
    const rows = await runtime.database.db.select().from(chunks).where(eq(chunks.articleId, id));
    expect(rows).toHaveLength(1);
    const [relevance] = await runtime.database.db
      .select()
      .from(newsRelevance)
      .where(eq(newsRelevance.articleId, id));
    expect(relevance?.explanation).toMatchObject({
      clientNameMatch: true,
      keywordMatches: ['battery storage'],
    });
    expect(relevance?.score).toBeGreaterThan(0.4);
  });

  it('keeps the article without a summary when the AI budget is reached, and says why', async () => {
    const id = await article('Budget day', 'A long story about budgets that would need a summary.');
    const refused = new BudgetExceededError({
      limit: 'org_hard',
      limitMicroUsd: 1,
      spentMicroUsd: 2,
      period: '2026-01',
    });
    const ai = {
      ...runtime.deps.ai,
      run: async () => {
        throw refused;
      },
    };
    const result = await enrichArticle({ ...runtime.deps, ai }, { orgId, articleId: id });
    expect(result).toMatchObject({ status: 'enriched', summary: false });
    const [row] = await runtime.database.db.select().from(newsArticles).where(eq(newsArticles.id, id));
    expect(row?.summary).toBeNull();
    expect(row?.enrichedAt).toBeInstanceOf(Date);
    expect(row?.enrichError).toMatch(/^Summary skipped: Organization monthly AI budget reached/);
    // Still searchable: its chunks exist.
    expect(await runtime.database.db.select().from(chunks).where(eq(chunks.articleId, id))).toHaveLength(1);
  });

  it('lets other AI failures throw so the queue retries them', async () => {
    const id = await article('Outage', 'Text that needs a summary.');
    const ai = {
      ...runtime.deps.ai,
      run: async () => {
        throw new Error('provider unavailable');
      },
    };
    await expect(enrichArticle({ ...runtime.deps, ai }, { orgId, articleId: id })).rejects.toThrow(
      'provider unavailable',
    );
    const [row] = await runtime.database.db.select().from(newsArticles).where(eq(newsArticles.id, id));
    expect(row?.enrichedAt).toBeNull();
  });
});
