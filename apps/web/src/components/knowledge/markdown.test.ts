import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownView } from './markdown';

const render = (source: string) => renderToStaticMarkup(createElement(MarkdownView, { source }));

describe('MarkdownView', () => {
  it('renders GitHub-flavoured markdown', () => {
    const html = render('# Kickoff\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ **new**');
    expect(html).toContain('Kickoff</h2>');
    expect(html).toContain('<table');
    expect(html).toContain('<td class="border px-3 py-1.5 align-top">2</td>');
    expect(html).toContain('type="checkbox"');
    expect(html).toContain('<del>old</del>');
    expect(html).toContain('<strong>new</strong>');
  });

  it('never renders raw HTML or script links from a body', () => {
    const html = render(
      'Hi <script>alert(1)</script> <img src=x onerror="alert(2)">\n\n<iframe src="https://evil"></iframe>\n\n[click](javascript:alert(3)) ![x](javascript:alert(4))',
    );
    expect(html).not.toMatch(/<script|<iframe|onerror|javascript:/i);
    expect(html).toContain('click</a>');
    // The image with an unsafe source is dropped; its alt text stays readable.
    expect(html).not.toContain('<img');
    expect(html).toContain('>x</span>');
  });

  it('opens links in a new tab without handing over the opener', () => {
    const html = render('[docs](https://example.com/a)');
    expect(html).toContain('href="https://example.com/a"');
    expect(html).toContain('target="_blank" rel="noopener noreferrer nofollow"');
  });
});
