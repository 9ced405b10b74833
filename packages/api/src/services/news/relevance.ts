import { cosine } from '@consailt/ai';
import type { RelevanceExplanation } from '@consailt/db';

export type EngagementProfile = {
  id: string;
  name: string;
  clientName: string;
  description: string;
  keywords: string[];
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word, case-insensitive match that works for any script ("Müller AG", "3M"). */
export function mentions(text: string, phrase: string): boolean {
  const p = phrase.trim();
  if (p.length < 2) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(p)}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** What the engagement is about, embedded once per enrichment to compare with the article. */
export function profileText(e: EngagementProfile): string {
  return [e.name, `Client: ${e.clientName}`, e.description, e.keywords.join(', ')].filter(Boolean).join('\n');
}

/** Mean of the chunk vectors, normalized: the article's position in the embedding space. */
export function meanVector(vectors: Float32Array[]): Float32Array | null {
  const first = vectors[0];
  if (!first) return null;
  const sum = new Float32Array(first.length);
  for (const v of vectors) for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) + (v[i] ?? 0);
  const norm = Math.hypot(...sum) || 1;
  for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) / norm;
  return sum;
}

/**
 * Relevance of an article to an engagement, in [0, 1], with its parts kept as the explanation:
 * half semantic similarity, then a client-name mention, keyword mentions, and the feed being
 * attached to the engagement.
 */
export function scoreRelevance(args: {
  text: string;
  engagement: EngagementProfile;
  articleVector: Float32Array | null;
  engagementVector: Float32Array | null;
  fromEngagementFeed: boolean;
}): { score: number; explanation: RelevanceExplanation } {
  const { text, engagement } = args;
  const similarity =
    args.articleVector && args.engagementVector
      ? Math.max(0, cosine(args.articleVector, args.engagementVector))
      : 0;
  const clientNameMatch = mentions(text, engagement.clientName);
  const keywordMatches = engagement.keywords.filter((k) => mentions(text, k)).slice(0, 20);
  const score =
    0.5 * similarity +
    (clientNameMatch ? 0.25 : 0) +
    0.15 * Math.min(1, keywordMatches.length / 3) +
    (args.fromEngagementFeed ? 0.1 : 0);
  return {
    score: Math.round(Math.min(1, score) * 1000) / 1000,
    explanation: {
      similarity: Math.round(similarity * 1000) / 1000,
      clientNameMatch,
      keywordMatches,
      ...(args.fromEngagementFeed ? { feedEngagement: true } : {}),
    },
  };
}

/** Tags to suggest: the organization's tags the article mentions, then matched keywords. */
export function suggestTags(text: string, orgTags: string[], matchedKeywords: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const tag of [...orgTags.filter((t) => mentions(text, t)), ...matchedKeywords]) {
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
    if (out.length >= 8) break;
  }
  return out;
}
