import { describe, expect, it } from 'vitest';
import { citedNumbers, formatLatency, splitCitations } from './citations';

describe('splitCitations', () => {
  it('turns known [n] markers into citations between runs of text', () => {
    expect(splitCitations('Weekly cycles [1] cut stock-outs [2][1].', new Set([1, 2]))).toEqual([
      { kind: 'text', text: 'Weekly cycles ' },
      { kind: 'cite', n: 1, raw: '[1]' },
      { kind: 'text', text: ' cut stock-outs ' },
      { kind: 'cite', n: 2, raw: '[2]' },
      { kind: 'cite', n: 1, raw: '[1]' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves numbers without a source, and look-alikes, as plain text', () => {
    expect(splitCitations('See [7], [a], [1234] and [ 1 ].', new Set([1]))).toEqual([
      { kind: 'text', text: 'See [7], [a], [1234] and [ 1 ].' },
    ]);
  });

  it('keeps a marker cut mid-stream as text until it is complete', () => {
    expect(splitCitations('Answer [1', new Set([1]))).toEqual([{ kind: 'text', text: 'Answer [1' }]);
    expect(splitCitations('Answer [1]', new Set([1])).at(-1)).toEqual({ kind: 'cite', n: 1, raw: '[1]' });
  });

  it('never interprets the text as markup', () => {
    const segments = splitCitations('<b>bold</b> [1]', new Set([1]));
    expect(segments[0]).toEqual({ kind: 'text', text: '<b>bold</b> ' });
  });

  it('handles an empty answer', () => {
    expect(splitCitations('', new Set([1]))).toEqual([]);
  });
});

describe('citedNumbers', () => {
  it('lists each source once in order of first citation', () => {
    expect(citedNumbers('a [3] b [1] c [3] d [2]')).toEqual([3, 1, 2]);
    expect(citedNumbers('no citations')).toEqual([]);
  });
});

describe('formatLatency', () => {
  it('picks a unit that reads at a glance', () => {
    expect(formatLatency(0)).toBe('0 ms');
    expect(formatLatency(849.6)).toBe('850 ms');
    expect(formatLatency(1400)).toBe('1.4 s');
    expect(formatLatency(125_000)).toBe('2 min 5 s');
    expect(formatLatency(Number.NaN)).toBe('—');
    expect(formatLatency(-5)).toBe('—');
  });
});
