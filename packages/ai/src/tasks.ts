/** Callers ask for a task, never a model; the router picks the cheapest model that fits. */
export const AI_TASKS = [
  'quick_summary',
  'project_analysis',
  'risk_assessment',
  'technical_docs',
  'realtime',
  'answer',
  'classify',
  'embed',
] as const;
export type AiTask = (typeof AI_TASKS)[number];

/** Default routing (ARCHITECTURE.md): first model, then fallbacks in order. */
export const DEFAULT_ROUTES: Record<AiTask, readonly string[]> = {
  quick_summary: ['amazon.nova-lite-v1:0', 'amazon.nova-micro-v1:0'],
  project_analysis: ['amazon.nova-pro-v1:0', 'anthropic.claude-3-5-haiku-20241022-v1:0'],
  risk_assessment: ['anthropic.claude-3-7-sonnet-20250219-v1:0', 'amazon.nova-pro-v1:0'],
  technical_docs: ['mistral.mistral-large-2407-v1:0', 'anthropic.claude-3-7-sonnet-20250219-v1:0'],
  realtime: ['meta.llama3-2-3b-instruct-v1:0', 'amazon.nova-micro-v1:0'],
  answer: ['amazon.nova-pro-v1:0', 'anthropic.claude-3-5-haiku-20241022-v1:0'],
  classify: ['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0'],
  embed: ['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3'],
};

/** Tasks answered with text (everything but `embed`). */
export type TextTask = Exclude<AiTask, 'embed'>;

/** Embedded mode (no AWS configured): every text task uses the local extractive model. */
export const LOCAL_ROUTES: Record<AiTask, readonly string[]> = {
  quick_summary: ['local.extractive-v1'],
  project_analysis: ['local.extractive-v1'],
  risk_assessment: ['local.extractive-v1'],
  technical_docs: ['local.extractive-v1'],
  realtime: ['local.extractive-v1'],
  answer: ['local.extractive-v1'],
  classify: ['local.extractive-v1'],
  embed: ['local.hash-embed-v1'],
};

/** Per-organization routing overrides: a task's full ordered model list replaces the default. */
export type RouteOverrides = Partial<Record<AiTask, readonly string[]>>;
