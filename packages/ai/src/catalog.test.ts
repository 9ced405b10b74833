import { describe, expect, it } from 'vitest';
import { costMicroUsd, createCatalog, DEFAULT_MODELS, effectivePrice, splitProfile } from './catalog';
import { DEFAULT_ROUTES } from './tasks';
import type { TokenUsage } from './types';

const catalog = createCatalog();
const usage = (u: Partial<TokenUsage>): TokenUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  ...u,
});
const cost = (id: string, u: Partial<TokenUsage>) => {
  const resolved = catalog.resolve(id);
  if (!resolved) throw new Error(`unknown ${id}`);
  return costMicroUsd(resolved, usage(u));
};

describe('model catalog', () => {
  it('knows every model of the default routing matrix, with a price source and date', () => {
    for (const ids of Object.values(DEFAULT_ROUTES)) {
      for (const id of ids) expect(catalog.resolve(id), id).not.toBeNull();
    }
    for (const m of DEFAULT_MODELS) {
      expect(m.priceSource, m.id).toBeTruthy();
      expect(m.priceAsOf, m.id).toBeTruthy();
    }
  });

  it('strips inference-profile prefixes and ARNs', () => {
    expect(splitProfile('us.anthropic.claude-3-7-sonnet-20250219-v1:0')).toEqual({
      profile: 'us',
      baseId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
    });
    for (const prefix of ['us', 'eu', 'apac', 'global']) {
      expect(catalog.resolve(`${prefix}.amazon.nova-pro-v1:0`)?.model.id).toBe('amazon.nova-pro-v1:0');
    }
    expect(
      catalog.resolve('arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0')
        ?.profile,
    ).toBe('eu');
    expect(catalog.resolve('amazon.nova-lite-v1:0')?.profile).toBeNull();
    expect(catalog.resolve('acme.unknown-model')).toBeNull();
  });

  describe('golden costs (integer micro-USD)', () => {
    it('Nova Lite in-region: 1,000 in + 500 out = $0.00018', () => {
      expect(cost('amazon.nova-lite-v1:0', { inputTokens: 1000, outputTokens: 500 })).toBe(180);
    });

    it('us. profile of Claude 3.7 Sonnet with cache read and write priced separately', () => {
      // 2,000×$3 + 1,000×$15 + 10,000×$0.30 + 4,000×$3.75 per 1M
      expect(
        cost('us.anthropic.claude-3-7-sonnet-20250219-v1:0', {
          inputTokens: 2000,
          outputTokens: 1000,
          cacheReadTokens: 10_000,
          cacheWriteTokens: 4000,
        }),
      ).toBe(39_000);
    });

    it('never bills cache tokens as input', () => {
      const asInput = cost('amazon.nova-micro-v1:0', { inputTokens: 110_000, outputTokens: 1000 });
      const withCache = cost('amazon.nova-micro-v1:0', {
        inputTokens: 10_000,
        cacheReadTokens: 100_000,
        outputTokens: 1000,
      });
      expect(asInput).toBe(3990); // 110,000×0.035 + 1,000×0.14
      expect(withCache).toBe(1365); // 10,000×0.035 + 100,000×0.00875 + 1,000×0.14
    });

    it('applies the regional premium of Claude Sonnet 4.5 except on the global profile', () => {
      const u = { inputTokens: 1000, outputTokens: 1000 };
      expect(cost('global.anthropic.claude-sonnet-4-5-20250929-v1:0', u)).toBe(18_000);
      expect(cost('us.anthropic.claude-sonnet-4-5-20250929-v1:0', u)).toBe(19_800);
      expect(cost('eu.anthropic.claude-haiku-4-5-20251001-v1:0', u)).toBe(6600);
    });

    it('switches to the long-context tier above 200K prompt tokens (Sonnet 4)', () => {
      expect(
        cost('us.anthropic.claude-sonnet-4-20250514-v1:0', { inputTokens: 200_000, outputTokens: 1000 }),
      ).toBe(615_000);
      expect(
        cost('us.anthropic.claude-sonnet-4-20250514-v1:0', { inputTokens: 250_000, outputTokens: 1000 }),
      ).toBe(1_522_500);
    });

    it('prices embeddings and rounds half up once on the total', () => {
      expect(cost('amazon.titan-embed-text-v2:0', { inputTokens: 1_000_000 })).toBe(20_000);
      expect(cost('cohere.embed-english-v3', { inputTokens: 5000 })).toBe(500);
      expect(cost('amazon.nova-micro-v1:0', { inputTokens: 1 })).toBe(0);
      expect(cost('amazon.nova-micro-v1:0', { inputTokens: 15 })).toBe(1); // 0.525
      expect(cost('meta.llama3-2-3b-instruct-v1:0', { inputTokens: 1000, outputTokens: 1000 })).toBe(300);
      expect(cost('mistral.mistral-large-2407-v1:0', { inputTokens: 1000, outputTokens: 1000 })).toBe(8000);
    });
  });

  it('merges organization overrides: changed prices and added models', () => {
    const org = catalog.withOverrides([
      { id: 'amazon.nova-pro-v1:0', price: { input: 0.5 } },
      {
        id: 'acme.private-model-v1',
        provider: 'bedrock',
        vendor: 'acme',
        name: 'Private model',
        kind: 'text',
        contextWindow: 32_000,
        maxOutputTokens: 4096,
        invocation: 'on_demand',
        price: { input: 1, output: 2 },
      },
    ]);
    const pro = org.resolve('us.amazon.nova-pro-v1:0');
    expect(pro && costMicroUsd(pro, usage({ inputTokens: 1000, outputTokens: 1000 }))).toBe(3700);
    expect(pro?.model.priceSource).toBe('org override');
    expect(org.resolve('acme.private-model-v1')?.model.name).toBe('Private model');
    // The shared catalog is untouched.
    expect(cost('amazon.nova-pro-v1:0', { inputTokens: 1000, outputTokens: 1000 })).toBe(4000);
  });

  it('reports the effective price after premium and tier', () => {
    const r = catalog.resolve('us.anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(r && effectivePrice(r, 10)).toEqual({
      input: 1.1,
      output: 5.5,
      cacheRead: 0.11,
      cacheWrite: 1.375,
    });
  });
});
