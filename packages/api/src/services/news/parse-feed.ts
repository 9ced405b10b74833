import { sha256 } from '@consailt/db';
import { parseFeed } from '@rowanmanning/feed-parser';
import { htmlToSafeText, safeTitle } from './sanitize';

export type ParsedArticle = {
  guid: string | null;
  link: string | null;
  title: string;
  author: string | null;
  content: string;
  /** Null when the feed gives no usable date: the caller uses the first-seen time. */
  publishedAt: Date | null;
  dedupeHash: string;
};

export type ParsedFeed = { title: string | null; format: string; articles: ParsedArticle[] };

/** A document that is not a feed (HTML page, broken XML): an error on the feed, not a crash. */
export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

/** Newest items kept per poll: a first poll of a 700-episode podcast must not queue 700 summaries. */
export const MAX_ITEMS_PER_POLL = 200;
/** Dates this far in the future are typos or time-zone bugs; they would pin an item to the top. */
const FUTURE_TOLERANCE_MS = 24 * 3600_000;

function httpUrl(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString().slice(0, 2000) : null;
  } catch {
    return null;
  }
}

function validDate(...candidates: Array<Date | null | undefined>): Date | null {
  for (const d of candidates) {
    if (!d || Number.isNaN(d.getTime())) continue;
    if (d.getTime() > Date.now() + FUTURE_TOLERANCE_MS) continue;
    if (d.getUTCFullYear() < 1990) continue;
    return d;
  }
  return null;
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>])/i.test(text.slice(0, 1000));
}

/**
 * Parse RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 text into sanitized articles. Identity per feed is the
 * guid, else the link, else a hash of title and text. Throws `FeedParseError` for anything else.
 */
export function parseFeedDocument(text: string, baseUrl: string): ParsedFeed {
  if (looksLikeHtml(text)) throw new FeedParseError('The URL returned an HTML page, not a feed');
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FeedParseError(`Not a valid RSS or Atom feed: ${detail.slice(0, 200)}`);
  }
  const articles: ParsedArticle[] = [];
  for (const item of feed.items.slice(0, MAX_ITEMS_PER_POLL)) {
    const content = htmlToSafeText(item.content ?? item.description);
    const summaryText = htmlToSafeText(item.description, 400);
    const title = safeTitle(item.title) || summaryText.replace(/\s+/g, ' ').slice(0, 120) || 'Untitled';
    const guid = item.id?.trim().slice(0, 1000) || null;
    const link = httpUrl(item.url, baseUrl);
    articles.push({
      guid,
      link,
      title,
      author: item.authors[0]?.name?.trim().slice(0, 300) || null,
      content,
      publishedAt: validDate(item.published, item.updated),
      dedupeHash: sha256(`${title}\u0000${content}`),
    });
  }
  if (articles.length === 0 && !feed.title)
    throw new FeedParseError('Not a valid RSS or Atom feed: no channel and no items');
  return {
    title: feed.title ? safeTitle(feed.title) : null,
    format: `${feed.meta.type} ${feed.meta.version ?? ''}`.trim(),
    articles,
  };
}
