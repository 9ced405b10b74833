import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Snippet } from './snippet';

const render = (parts: { text: string; highlight: boolean }[]) =>
  renderToStaticMarkup(createElement(Snippet, { parts }));

describe('Snippet', () => {
  it('marks highlighted runs and keeps the rest as plain text, in order', () => {
    const html = render([
      { text: 'Move to weekly ', highlight: false },
      { text: 'replenishment', highlight: true },
      { text: ' at the warehouse.', highlight: false },
    ]);
    expect(html).toMatch(
      /<span>Move to weekly <\/span><mark[^>]*>replenishment<\/mark><span> at the warehouse.<\/span>/,
    );
  });

  it('renders markup inside an entry as text, never as HTML', () => {
    const html = render([
      { text: '<img src=x onerror=alert(1)>', highlight: false },
      { text: '<script>steal()</script>', highlight: true },
    ]);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;steal()&lt;/script&gt;');
  });
});
