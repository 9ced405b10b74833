import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog';
import { NoModelAvailableError } from './errors';
import { assertRoutable, createRouter } from './router';
import { AI_TASKS, DEFAULT_ROUTES } from './tasks';

const catalog = createCatalog();
const router = createRouter({ catalog, routes: DEFAULT_ROUTES, region: 'us-east-1' });
const ids = (r: ReturnType<typeof router.route>) => r.candidates.map((c) => c.invocationId);

describe('task router', () => {
  it('routes each task to its default model then its fallback', () => {
    for (const task of AI_TASKS) {
      const route = router.route({ task, inputTokens: 100, maxOutputTokens: 512 });
      expect(
        route.candidates.map((c) => c.model.id),
        task,
      ).toEqual(DEFAULT_ROUTES[task]);
    }
  });

  it('adds the geographic profile prefix to profile-only models', () => {
    expect(ids(router.route({ task: 'risk_assessment', inputTokens: 100, maxOutputTokens: 512 }))).toEqual([
      'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      'amazon.nova-pro-v1:0',
    ]);
    const eu = createRouter({ catalog, routes: DEFAULT_ROUTES, region: 'eu-central-1' });
    expect(ids(eu.route({ task: 'realtime', inputTokens: 10, maxOutputTokens: 100 }))[0]).toBe(
      'eu.meta.llama3-2-3b-instruct-v1:0',
    );
  });

  it('applies per-organization overrides for one task only', () => {
    const overrides = {
      quick_summary: ['anthropic.claude-3-5-haiku-20241022-v1:0', 'amazon.nova-micro-v1:0'],
    };
    expect(
      ids(router.route({ task: 'quick_summary', inputTokens: 10, maxOutputTokens: 100 }, { overrides })),
    ).toEqual(overrides.quick_summary);
    expect(
      ids(router.route({ task: 'answer', inputTokens: 10, maxOutputTokens: 100 }, { overrides })),
    ).toEqual(DEFAULT_ROUTES.answer);
  });

  it('skips models whose context window cannot hold the prompt plus the output', () => {
    const route = router.route({ task: 'technical_docs', inputTokens: 150_000, maxOutputTokens: 4000 });
    expect(route.skipped).toEqual([{ modelId: 'mistral.mistral-large-2407-v1:0', reason: 'context_window' }]);
    expect(ids(route)).toEqual(['us.anthropic.claude-3-7-sonnet-20250219-v1:0']);

    const none = router.route({ task: 'realtime', inputTokens: 127_000, maxOutputTokens: 2000 });
    expect(none.candidates).toEqual([]);
    expect(() => assertRoutable('realtime', none)).toThrow(NoModelAvailableError);
  });

  it('clamps max output to the model and lets the caller pin a model', () => {
    const route = router.route({
      task: 'answer',
      inputTokens: 10,
      maxOutputTokens: 50_000,
      pinModel: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    });
    expect(ids(route)).toEqual(['global.anthropic.claude-sonnet-4-5-20250929-v1:0']);
    expect(route.candidates[0]?.maxTokens).toBe(50_000);
    expect(
      router.route({ task: 'realtime', inputTokens: 10, maxOutputTokens: 50_000 }).candidates[0]?.maxTokens,
    ).toBe(2048);
  });

  it('refuses text models for embeddings and unknown ids', () => {
    const route = router.route({
      task: 'embed',
      inputTokens: 10,
      maxOutputTokens: 0,
      pinModel: 'amazon.nova-lite-v1:0',
    });
    expect(route.skipped).toEqual([{ modelId: 'amazon.nova-lite-v1:0', reason: 'wrong_kind' }]);
    const unknown = router.route({
      task: 'answer',
      inputTokens: 10,
      maxOutputTokens: 10,
      pinModel: 'nope.model',
    });
    expect(unknown.skipped[0]?.reason).toBe('unknown_model');
  });
});
