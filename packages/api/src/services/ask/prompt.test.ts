import { describe, expect, it } from 'vitest';
import { type AskSource, buildAnswerPrompt, citedSources } from './prompt';

const source = (n: number): AskSource => ({
  n,
  entryId: `e${n}`,
  articleId: null,
  chunkId: `c${n}`,
  title: `T${n}`,
  heading: `T${n} > H`,
  text: `line one\n\nline two ${n}`,
  snippet: 's',
});

describe('answer prompt', () => {
  it('numbers sources on one paragraph each and keeps turns alternating', () => {
    const { messages, system } = buildAnswerPrompt({
      question: 'Q?',
      sources: [source(1), source(2)],
      summary: 'earlier',
      history: [
        { role: 'assistant', content: 'orphan' },
        { role: 'user', content: 'u1' },
        { role: 'user', content: 'u2' },
        { role: 'assistant', content: 'a2' },
      ],
    });
    expect(system).toContain('earlier');
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages.at(-1)?.content).toContain(
      '[1] T1 > H: line one line two 1\n\n[2] T2 > H: line one line two 2',
    );
  });

  it('maps citations to the sources they name, once each, ignoring unknown numbers', () => {
    const cited = citedSources('A [2] and B [1][2] and C [7].', [source(1), source(2)]);
    expect(cited.map((c) => [c.n, c.chunkId])).toEqual([
      [2, 'c2'],
      [1, 'c1'],
    ]);
  });
});
