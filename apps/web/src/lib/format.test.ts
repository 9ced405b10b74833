import { describe, expect, it } from 'vitest';
import { formatDateTime, formatUsd, formatUsdAxis, microUsdToInput, parseUsdInput } from './format';

describe('formatUsd', () => {
  it('shows cents from one cent up', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(10_000)).toBe('$0.01');
    expect(formatUsd(12_345_678)).toBe('$12.35');
    expect(formatUsd(1_234_567_890)).toBe('$1,234.57');
  });

  it('keeps more decimals under a cent so small spend never reads as zero', () => {
    expect(formatUsd(4_200)).toBe('$0.0042');
    expect(formatUsd(1)).toBe('$0.000001');
    expect(formatUsd(9_999)).toBe('$0.01');
  });

  it('compacts large axis values only', () => {
    expect(formatUsdAxis(2_500_000_000)).toBe('$2.5K');
    expect(formatUsdAxis(500_000)).toBe('$0.50');
  });
});

describe('USD inputs', () => {
  it('parses dollars, blanks and junk', () => {
    expect(parseUsdInput(' $1,250.5 ')).toBe(1250.5);
    expect(parseUsdInput('')).toBeNull();
    expect(parseUsdInput('-3')).toBeNaN();
    expect(parseUsdInput('abc')).toBeNaN();
  });

  it('round-trips micro-USD to the field text', () => {
    expect(microUsdToInput(null)).toBe('');
    expect(microUsdToInput(12_500_000)).toBe('12.5');
  });
});

describe('formatDateTime', () => {
  it('is UTC and labelled', () => {
    expect(formatDateTime(new Date('2026-03-04T05:06:00Z'))).toBe('Mar 4, 2026, 05:06 UTC');
  });
});
