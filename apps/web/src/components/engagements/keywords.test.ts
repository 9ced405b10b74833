import { describe, expect, it } from 'vitest';
import { parseKeywords } from './keywords';

describe('parseKeywords', () => {
  it('splits on commas, trims, and drops blanks and repeats', () => {
    expect(parseKeywords(' grocery,  cold   chain ,,Grocery, logistics ')).toEqual([
      'grocery',
      'cold chain',
      'logistics',
    ]);
    expect(parseKeywords('')).toEqual([]);
  });
});
