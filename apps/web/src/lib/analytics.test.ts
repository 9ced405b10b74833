import { describe, expect, it } from 'vitest';
import { fillDays, parseRange, rangeWindow } from './analytics';

describe('rangeWindow', () => {
  const now = new Date('2026-03-15T10:00:00Z');

  it('starts this month on the 1st (UTC) and the rolling ranges on whole days', () => {
    expect(rangeWindow('month', now).from.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(rangeWindow('30d', now).from.toISOString()).toBe('2026-02-14T00:00:00.000Z');
    expect(rangeWindow('90d', now).to.getTime()).toBeGreaterThan(now.getTime());
  });

  it('falls back to this month for unknown values', () => {
    expect(parseRange('7y')).toBe('month');
    expect(parseRange('30d')).toBe('30d');
  });
});

describe('fillDays', () => {
  it('has one point per day with zeros for quiet days', () => {
    const points = fillDays(
      [{ day: '2026-03-02', costMicroUsd: 500, calls: 2, inputTokens: 10, outputTokens: 5 }],
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-03-03T12:00:00Z'),
    );
    expect(points.map((p) => p.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(points[1]).toEqual({ day: '2026-03-02', costMicroUsd: 500, calls: 2, tokens: 15 });
    expect(points[0]?.calls).toBe(0);
  });
});
