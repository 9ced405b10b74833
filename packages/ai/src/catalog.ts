import type { ProviderName, TokenUsage } from './types';

/** USD per 1 million tokens. Cache prices are separate: cached tokens are never billed as input. */
export type PricePerMillion = {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
};

/** A price tier that replaces the base price when the prompt is longer than `aboveInputTokens`. */
export type PriceTier = PricePerMillion & { aboveInputTokens: number };

export type ModelKind = 'text' | 'embedding';

/**
 * How a Bedrock model can be invoked: by its plain id (on-demand, in-region), only through a
 * cross-region inference profile (`us.…`, `eu.…`, `apac.…`, `global.…`), or both.
 */
export type Invocation = 'on_demand' | 'profile_only' | 'both';

export type InferenceProfile = 'us' | 'eu' | 'apac' | 'global';
export const INFERENCE_PROFILES: readonly InferenceProfile[] = ['us', 'eu', 'apac', 'global'];

export type CatalogModel = {
  /** Base model id, without inference-profile prefix. */
  id: string;
  provider: ProviderName;
  vendor: 'amazon' | 'anthropic' | 'meta' | 'mistral' | 'cohere' | 'local' | (string & {});
  name: string;
  kind: ModelKind;
  contextWindow: number;
  /** Largest `maxTokens` the model accepts (0 for embedding models). */
  maxOutputTokens: number;
  embeddingDimensions?: number;
  /** Most texts one embedding request may carry. */
  maxBatch?: number;
  invocation: Invocation;
  price: PricePerMillion;
  tiers?: PriceTier[];
  /**
   * Price premium (fraction) for in-region and geographic-profile calls over the `global.` profile.
   * Anthropic's Claude 4.5 generation on Bedrock: global endpoints at list price, regional +10%.
   */
  regionalPremium?: number;
  /** Where the price came from and the date it describes (org overrides say `org override`). */
  priceSource: string;
  priceAsOf: string;
};

const AWS_PRICING = 'https://aws.amazon.com/bedrock/pricing/ (on-demand, US East)';
/**
 * Prices below were transcribed from the AWS Bedrock pricing page as the author last knew it (the
 * page as of 2025-10); they were written into this file on 2026-11-22 on a machine without internet
 * access and have NOT been re-checked since. Organizations can override any of them.
 */
const AS_OF = '2025-10 (recorded 2026-11-22, not re-verified)';
const LOCAL = 'local provider (runs in-process, free)';

type Def = Omit<CatalogModel, 'priceSource' | 'priceAsOf' | 'provider'> & { provider?: ProviderName };

function bedrock(def: Def): CatalogModel {
  return { provider: 'bedrock', priceSource: AWS_PRICING, priceAsOf: AS_OF, ...def };
}

/** Anthropic long-context tier (prompts over 200K tokens, 1M-context beta): 2× input, 1.5× output. */
const SONNET_LONG_CONTEXT: PriceTier = {
  aboveInputTokens: 200_000,
  input: 6,
  output: 22.5,
  cacheRead: 0.6,
  cacheWrite: 7.5,
};

export const DEFAULT_MODELS: readonly CatalogModel[] = [
  // Amazon Nova: prompt-cache reads at 75% off input; cache writes bill as ordinary input.
  bedrock({
    id: 'amazon.nova-micro-v1:0',
    vendor: 'amazon',
    name: 'Amazon Nova Micro',
    kind: 'text',
    contextWindow: 128_000,
    maxOutputTokens: 10_000,
    invocation: 'both',
    price: { input: 0.035, output: 0.14, cacheRead: 0.00875, cacheWrite: 0.035 },
  }),
  bedrock({
    id: 'amazon.nova-lite-v1:0',
    vendor: 'amazon',
    name: 'Amazon Nova Lite',
    kind: 'text',
    contextWindow: 300_000,
    maxOutputTokens: 10_000,
    invocation: 'both',
    price: { input: 0.06, output: 0.24, cacheRead: 0.015, cacheWrite: 0.06 },
  }),
  bedrock({
    id: 'amazon.nova-pro-v1:0',
    vendor: 'amazon',
    name: 'Amazon Nova Pro',
    kind: 'text',
    contextWindow: 300_000,
    maxOutputTokens: 10_000,
    invocation: 'both',
    price: { input: 0.8, output: 3.2, cacheRead: 0.2, cacheWrite: 0.8 },
  }),
  bedrock({
    id: 'amazon.nova-premier-v1:0',
    vendor: 'amazon',
    name: 'Amazon Nova Premier',
    kind: 'text',
    contextWindow: 1_000_000,
    maxOutputTokens: 10_000,
    invocation: 'profile_only',
    price: { input: 2.5, output: 12.5, cacheRead: 0.625, cacheWrite: 2.5 },
  }),
  // Anthropic: cache writes at 1.25× input, cache reads at 0.1× input.
  bedrock({
    id: 'anthropic.claude-3-5-haiku-20241022-v1:0',
    vendor: 'anthropic',
    name: 'Claude 3.5 Haiku',
    kind: 'text',
    contextWindow: 200_000,
    maxOutputTokens: 8_192,
    invocation: 'both',
    price: { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
  }),
  bedrock({
    id: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
    vendor: 'anthropic',
    name: 'Claude 3.7 Sonnet',
    kind: 'text',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    invocation: 'profile_only',
    price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  }),
  bedrock({
    id: 'anthropic.claude-sonnet-4-20250514-v1:0',
    vendor: 'anthropic',
    name: 'Claude Sonnet 4',
    kind: 'text',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    invocation: 'profile_only',
    price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    tiers: [SONNET_LONG_CONTEXT],
  }),
  bedrock({
    id: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    vendor: 'anthropic',
    name: 'Claude Sonnet 4.5',
    kind: 'text',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    invocation: 'profile_only',
    price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    tiers: [SONNET_LONG_CONTEXT],
    regionalPremium: 0.1,
  }),
  bedrock({
    id: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    vendor: 'anthropic',
    name: 'Claude Haiku 4.5',
    kind: 'text',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    invocation: 'profile_only',
    price: { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
    regionalPremium: 0.1,
  }),
  bedrock({
    id: 'anthropic.claude-opus-4-1-20250805-v1:0',
    vendor: 'anthropic',
    name: 'Claude Opus 4.1',
    kind: 'text',
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    invocation: 'profile_only',
    price: { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  }),
  // Mistral (no prompt caching on Bedrock).
  bedrock({
    id: 'mistral.mistral-large-2407-v1:0',
    vendor: 'mistral',
    name: 'Mistral Large (24.07)',
    kind: 'text',
    contextWindow: 128_000,
    maxOutputTokens: 8_192,
    invocation: 'on_demand',
    price: { input: 2, output: 6 },
  }),
  bedrock({
    id: 'mistral.mistral-large-2402-v1:0',
    vendor: 'mistral',
    name: 'Mistral Large (24.02)',
    kind: 'text',
    contextWindow: 32_000,
    maxOutputTokens: 8_192,
    invocation: 'on_demand',
    price: { input: 4, output: 12 },
  }),
  bedrock({
    id: 'mistral.mistral-small-2402-v1:0',
    vendor: 'mistral',
    name: 'Mistral Small (24.02)',
    kind: 'text',
    contextWindow: 32_000,
    maxOutputTokens: 8_192,
    invocation: 'on_demand',
    price: { input: 1, output: 3 },
  }),
  bedrock({
    id: 'mistral.pixtral-large-2502-v1:0',
    vendor: 'mistral',
    name: 'Pixtral Large (25.02)',
    kind: 'text',
    contextWindow: 128_000,
    maxOutputTokens: 8_192,
    invocation: 'profile_only',
    price: { input: 2, output: 6 },
  }),
  bedrock({
    id: 'mistral.mixtral-8x7b-instruct-v0:1',
    vendor: 'mistral',
    name: 'Mixtral 8x7B Instruct',
    kind: 'text',
    contextWindow: 32_000,
    maxOutputTokens: 4_096,
    invocation: 'on_demand',
    price: { input: 0.45, output: 0.7 },
  }),
  bedrock({
    id: 'mistral.mistral-7b-instruct-v0:2',
    vendor: 'mistral',
    name: 'Mistral 7B Instruct',
    kind: 'text',
    contextWindow: 32_000,
    maxOutputTokens: 8_192,
    invocation: 'on_demand',
    price: { input: 0.15, output: 0.2 },
  }),
  // Meta Llama: the 3.2 and 3.3 models are served through inference profiles only.
  ...(
    [
      ['meta.llama3-2-1b-instruct-v1:0', 'Llama 3.2 1B Instruct', 0.1, 'profile_only'],
      ['meta.llama3-2-3b-instruct-v1:0', 'Llama 3.2 3B Instruct', 0.15, 'profile_only'],
      ['meta.llama3-2-11b-instruct-v1:0', 'Llama 3.2 11B Instruct', 0.16, 'profile_only'],
      ['meta.llama3-2-90b-instruct-v1:0', 'Llama 3.2 90B Instruct', 0.72, 'profile_only'],
      ['meta.llama3-3-70b-instruct-v1:0', 'Llama 3.3 70B Instruct', 0.72, 'profile_only'],
      ['meta.llama3-1-8b-instruct-v1:0', 'Llama 3.1 8B Instruct', 0.22, 'both'],
      ['meta.llama3-1-70b-instruct-v1:0', 'Llama 3.1 70B Instruct', 0.72, 'both'],
    ] as const
  ).map(([id, name, usd, invocation]) =>
    bedrock({
      id,
      vendor: 'meta',
      name,
      kind: 'text',
      contextWindow: 128_000,
      maxOutputTokens: 2_048,
      invocation,
      price: { input: usd, output: usd },
    }),
  ),
  // Embeddings: input tokens only.
  bedrock({
    id: 'amazon.titan-embed-text-v2:0',
    vendor: 'amazon',
    name: 'Titan Text Embeddings V2',
    kind: 'embedding',
    contextWindow: 8_192,
    maxOutputTokens: 0,
    embeddingDimensions: 1024,
    maxBatch: 1,
    invocation: 'on_demand',
    price: { input: 0.02, output: 0 },
  }),
  bedrock({
    id: 'cohere.embed-english-v3',
    vendor: 'cohere',
    name: 'Cohere Embed English v3',
    kind: 'embedding',
    contextWindow: 512,
    maxOutputTokens: 0,
    embeddingDimensions: 1024,
    maxBatch: 96,
    invocation: 'on_demand',
    price: { input: 0.1, output: 0 },
  }),
  bedrock({
    id: 'cohere.embed-multilingual-v3',
    vendor: 'cohere',
    name: 'Cohere Embed Multilingual v3',
    kind: 'embedding',
    contextWindow: 512,
    maxOutputTokens: 0,
    embeddingDimensions: 1024,
    maxBatch: 96,
    invocation: 'on_demand',
    price: { input: 0.1, output: 0 },
  }),
  // Embedded mode.
  {
    id: 'local.extractive-v1',
    provider: 'local',
    vendor: 'local',
    name: 'Local extractive model (offline)',
    kind: 'text',
    contextWindow: 1_000_000,
    maxOutputTokens: 100_000,
    invocation: 'on_demand',
    price: { input: 0, output: 0 },
    priceSource: LOCAL,
    priceAsOf: '2026-11-22',
  },
  {
    id: 'local.hash-embed-v1',
    provider: 'local',
    vendor: 'local',
    name: 'Local hashed n-gram embeddings (offline)',
    kind: 'embedding',
    contextWindow: 1_000_000,
    maxOutputTokens: 0,
    embeddingDimensions: 1024,
    maxBatch: 1024,
    invocation: 'on_demand',
    price: { input: 0, output: 0 },
    priceSource: LOCAL,
    priceAsOf: '2026-11-22',
  },
];

/** An organization's change to a known model's price, or a model it adds (full entry). */
export type ModelOverride =
  | { id: string; price: Partial<PricePerMillion>; tiers?: PriceTier[]; priceAsOf?: string }
  | (Omit<CatalogModel, 'priceSource' | 'priceAsOf'> & { priceSource?: string; priceAsOf?: string });

export type ResolvedModel = {
  model: CatalogModel;
  /** The inference profile in the id, or null for a plain (in-region) id. */
  profile: InferenceProfile | null;
  /** The id as given (what is sent to the provider and recorded). */
  invocationId: string;
};

export type Catalog = {
  readonly models: readonly CatalogModel[];
  /** Resolves a plain id, a profile id (`us.…`) or an inference-profile ARN; null if unknown. */
  resolve(modelId: string): ResolvedModel | null;
  get(baseId: string): CatalogModel | null;
  /** A new catalog with price changes and added models merged on top. */
  withOverrides(overrides: readonly ModelOverride[] | undefined): Catalog;
};

const PROFILE_ARN = /^arn:aws[\w-]*:bedrock:[\w-]+:\d*:(?:inference-profile|foundation-model)\/(.+)$/;

/** Splits `us.anthropic.claude…` into profile `us` and the base id. */
export function splitProfile(modelId: string): { profile: InferenceProfile | null; baseId: string } {
  const arn = PROFILE_ARN.exec(modelId);
  const id = arn?.[1] ?? modelId;
  const dot = id.indexOf('.');
  if (dot > 0) {
    const head = id.slice(0, dot);
    if ((INFERENCE_PROFILES as readonly string[]).includes(head)) {
      return { profile: head as InferenceProfile, baseId: id.slice(dot + 1) };
    }
  }
  return { profile: null, baseId: id };
}

export function createCatalog(models: readonly CatalogModel[] = DEFAULT_MODELS): Catalog {
  const byId = new Map(models.map((m) => [m.id, m]));
  const catalog: Catalog = {
    models,
    get: (baseId) => byId.get(baseId) ?? null,
    resolve(modelId) {
      const { profile, baseId } = splitProfile(modelId);
      const model = byId.get(baseId);
      return model ? { model, profile, invocationId: modelId } : null;
    },
    withOverrides(overrides) {
      if (!overrides || overrides.length === 0) return catalog;
      const merged = new Map(byId);
      for (const o of overrides) {
        const existing = merged.get(o.id);
        if ('kind' in o) {
          merged.set(o.id, { priceSource: 'org override', priceAsOf: o.priceAsOf ?? 'org override', ...o });
        } else if (existing) {
          merged.set(o.id, {
            ...existing,
            price: { ...existing.price, ...o.price },
            tiers: o.tiers ?? existing.tiers,
            priceSource: 'org override',
            priceAsOf: o.priceAsOf ?? 'org override',
          });
        }
      }
      return createCatalog([...merged.values()]);
    },
  };
  return catalog;
}

/** Geographic inference-profile prefix for an AWS region (`eu-west-1` → `eu`). */
export function profileForRegion(region: string): InferenceProfile {
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  return 'us';
}

/**
 * The id to send for a model: as given when it already names a profile or the model runs
 * on-demand; otherwise (profile-only models) prefixed with the region's geographic profile.
 */
export function invocationIdFor(modelId: string, model: CatalogModel, region: string | null): string {
  const { profile } = splitProfile(modelId);
  if (profile || model.provider !== 'bedrock' || model.invocation !== 'profile_only' || !region)
    return modelId;
  return `${profileForRegion(region)}.${modelId}`;
}

/** Prices are held as integer pico-USD per token (= USD per 1M tokens × 10^6) so sums are exact. */
function pico(usdPerMillion: number, premium: number): number {
  return Math.round(usdPerMillion * (1 + premium) * 1_000_000);
}

export type EffectivePrice = Required<PricePerMillion>;

/** The per-1M price that applies to a call, after tiers and the regional premium. */
export function effectivePrice(resolved: ResolvedModel, promptTokens: number): EffectivePrice {
  const { model, profile } = resolved;
  let base: PricePerMillion = model.price;
  for (const tier of model.tiers ?? []) {
    if (promptTokens > tier.aboveInputTokens) base = tier;
  }
  const premium = model.regionalPremium && profile !== 'global' ? model.regionalPremium : 0;
  const scale = (v: number) => pico(v, premium) / 1_000_000;
  return {
    input: scale(base.input),
    output: scale(base.output),
    // Missing cache prices: reads/writes bill as input (no discount) rather than for free.
    cacheRead: scale(base.cacheRead ?? base.input),
    cacheWrite: scale(base.cacheWrite ?? base.input),
  };
}

/**
 * Cost of a call in integer micro-USD (rounded half up once, on the total). Cache read and write
 * tokens are priced with their own rates; Bedrock reports them separately from `inputTokens`.
 */
export function costMicroUsd(resolved: ResolvedModel, usage: TokenUsage): number {
  const { model, profile } = resolved;
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  let base: PricePerMillion = model.price;
  for (const tier of model.tiers ?? []) {
    if (prompt > tier.aboveInputTokens) base = tier;
  }
  const premium = model.regionalPremium && profile !== 'global' ? model.regionalPremium : 0;
  const picoUsd =
    usage.inputTokens * pico(base.input, premium) +
    usage.outputTokens * pico(base.output, premium) +
    usage.cacheReadTokens * pico(base.cacheRead ?? base.input, premium) +
    usage.cacheWriteTokens * pico(base.cacheWrite ?? base.input, premium);
  return Math.floor((picoUsd + 500_000) / 1_000_000);
}
