import { describe, expect, it } from 'vitest';
import { AI_TASKS, DEFAULT_ROUTES } from './tasks';

describe('default task routing', () => {
  it('routes every task to a primary model and at least one fallback', () => {
    for (const task of AI_TASKS) {
      const route = DEFAULT_ROUTES[task];
      expect(route.length, task).toBeGreaterThanOrEqual(2);
      expect(new Set(route).size, `${task} has distinct models`).toBe(route.length);
    }
  });

  it('embeds with Titan Text Embeddings V2 first', () => {
    expect(DEFAULT_ROUTES.embed[0]).toBe('amazon.titan-embed-text-v2:0');
  });
});
