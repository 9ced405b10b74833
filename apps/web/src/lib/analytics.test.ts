import { describe, expect, it } from 'vitest';
import { cumulativeGrowth, daysOf, fillDays, formatRate, parseRange, rangeWindow } from './analytics';

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

describe('cumulativeGrowth', () => {
  const days = daysOf(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-03T12:00:00Z'));

  it('runs totals per day from what each group held before the window', () => {
    const { series, points } = cumulativeGrowth(
      [
        { id: 'a', name: 'Alpha', before: 2, added: 3, total: 5 },
        { id: null, name: null, before: 0, added: 1, total: 1 },
      ],
      [
        { day: '2026-03-01', id: 'a', added: 1 },
        { day: '2026-03-03', id: 'a', added: 2 },
        { day: '2026-03-02', id: null, added: 1 },
      ],
      days,
      'No engagement',
    );
    expect(series.map((s) => s.label)).toEqual(['Alpha', 'No engagement']);
    expect(points).toEqual([
      { day: '2026-03-01', a: 3, none: 0 },
      { day: '2026-03-02', a: 3, none: 1 },
      { day: '2026-03-03', a: 5, none: 1 },
    ]);
  });

  it('folds everything past the four largest groups into Other', () => {
    const groups = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({
      id,
      name: id.toUpperCase(),
      before: 10 - i,
      added: 0,
      total: 10 - i,
    }));
    const { series, points } = cumulativeGrowth(groups, [], days, 'None');
    expect(series.map((s) => s.key)).toEqual(['a', 'b', 'c', 'd', '__other']);
    expect(points[0]?.__other).toBe(6 + 5);
  });
});

describe('formatRate', () => {
  it('rounds to a whole percent and shows a dash for no data', () => {
    expect(formatRate(1 / 3)).toBe('33%');
    expect(formatRate(null)).toBe('—');
  });
});
