import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBody } from './decode';
import { FeedParseError, parseFeedDocument } from './parse-feed';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => readFileSync(path.join(dir, name));
const parse = (body: Buffer, contentType: string | null = null) =>
  parseFeedDocument(decodeFeedBody(body, contentType).text, 'https://feeds.example.test/feed');

const ATOM_03 = `<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#">
  <title>Old Atom</title>
  <entry>
    <title>Atom zero three</title>
    <link rel="alternate" type="text/html" href="/posts/1"/>
    <id>tag:example.test,2004:1</id>
    <issued>2004-05-01T10:00:00Z</issued>
    <content type="text/html" mode="escaped">&lt;p&gt;Hello &lt;b&gt;old&lt;/b&gt; Atom&lt;/p&gt;</content>
  </entry>
</feed>`;

describe('feed parsing (real-world fixtures)', () => {
  it('reads RSS 0.92 declared ISO-8859-1, without dates', () => {
    const feed = parse(fixture('heraldsun.rss'));
    expect(feed.articles.map((a) => a.title)).toEqual(['The First Item', 'The Second Item']);
    expect(feed.articles[0]).toMatchObject({ link: 'http://www.oreilly.com/example/001.html', guid: null });
    // No item date: the caller falls back to the first-seen time.
    expect(feed.articles[0]?.publishedAt).toBeNull();
  });

  it('reads RSS 1.0 (RDF) with dates normalized', () => {
    const feed = parse(fixture('craigslist.rss'));
    expect(feed.articles.length).toBe(25);
    expect(feed.articles[0]?.publishedAt?.toISOString()).toBe('2017-06-21T17:33:10.000Z');
  });

  it('reads RSS 2.0 and Atom 1.0 with UTF-8 umlauts intact', () => {
    expect(parse(fixture('narro.rss')).articles[0]?.title).toBe('FAQ for Narro');
    const atom = parse(fixture('heise.atom'));
    expect(atom.articles).toHaveLength(15);
    expect(atom.articles[1]?.title).toBe('Scrum Day 2016: Bewerbungen für Vorträge und Workshops');
  });

  it('reads Atom 0.3 and resolves relative links against the feed URL', () => {
    const [item] = parse(Buffer.from(ATOM_03)).articles;
    expect(item).toMatchObject({
      title: 'Atom zero three',
      guid: 'tag:example.test,2004:1',
      link: 'https://feeds.example.test/posts/1',
      content: 'Hello old Atom',
    });
  });

  it('decodes ISO-8859-1 without an XML declaration and strips HTML to text', () => {
    const [item] = parse(fixture('uolNoticias.rss')).articles;
    expect(item?.title).toBe('Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno');
    expect(item?.content).toContain('Líder na pesquisa Ibope');
    expect(item?.content).not.toMatch(/<img|imguol/);
  });

  it('survives a wrong declared charset (UTF-8 declared, Latin-1 bytes; header says otherwise)', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>x</title><item><title>Café Zürich</title><guid>1</guid></item></channel></rss>';
    expect(parse(iconv.encode(xml, 'latin1')).articles[0]?.title).toBe('Café Zürich');
    const declaredLatin = xml.replace('UTF-8', 'ISO-8859-1');
    expect(parse(iconv.encode(declaredLatin, 'latin1'), 'text/xml; charset=utf-8').articles[0]?.title).toBe(
      'Café Zürich',
    );
  });

  it('honours the BOM (UTF-16) and the HTTP charset (windows-1251)', () => {
    const xml =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Новости рынка</title><guid>a</guid></item></channel></rss>';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(xml, 'utf-16le')]);
    expect(parse(utf16).articles[0]?.title).toBe('Новости рынка');
    expect(
      parse(iconv.encode(xml, 'win1251'), 'application/rss+xml; charset=windows-1251').articles[0]?.title,
    ).toBe('Новости рынка');
  });

  it('turns a page that is not a feed into a FeedParseError', () => {
    expect(() => parse(fixture('unrecognized.rss'))).toThrow(FeedParseError);
    expect(() => parse(Buffer.from('<!DOCTYPE html><html><body><h1>Shop</h1></body></html>'))).toThrow(
      'HTML page, not a feed',
    );
    expect(() => parse(Buffer.from(''))).toThrow(FeedParseError);
  });

  it('treats truncated XML as an error or keeps only what is complete, never crashes', () => {
    const text = fixture('heise.atom').toString('utf8');
    const truncated = Buffer.from(text.slice(0, Math.floor(text.length / 2)));
    try {
      const feed = parse(truncated);
      expect(feed.articles.length).toBeLessThan(15);
    } catch (error) {
      expect(error).toBeInstanceOf(FeedParseError);
    }
  });

  it('sanitizes HTML: no scripts, no markup, no javascript: links', () => {
    const xml = `<rss version="2.0"><channel><title>t</title><item><title>&lt;b&gt;Bold&lt;/b&gt; news</title>
      <link>javascript:alert(1)</link><guid>x</guid>
      <description>&lt;p&gt;Hi&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; there&lt;/p&gt;</description>
      </item></channel></rss>`;
    const [item] = parse(Buffer.from(xml)).articles;
    expect(item).toMatchObject({ title: 'Bold news', link: null });
    expect(item?.content).toBe('Hi there');
  });

  it('gives items without title a fallback and every item a dedupe hash', () => {
    const [item] = parse(fixture('missing-fields.atom')).articles;
    expect(item?.title).toBe('Untitled');
    expect(item?.dedupeHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
