import type { Catalog, ResolvedModel } from './catalog';
import { invocationIdFor } from './catalog';
import { NoModelAvailableError } from './errors';
import type { AiTask, RouteOverrides } from './tasks';

export type RouteRequest = {
  task: AiTask;
  /** Estimated prompt tokens (system + messages); 0 for embeddings. */
  inputTokens: number;
  /** Output tokens the caller asks for; clamped per model to its maximum. */
  maxOutputTokens: number;
  /** A model chosen by the caller: only that model is tried (no fallback to others). */
  pinModel?: string | undefined;
};

export type RouteCandidate = ResolvedModel & {
  /** `maxTokens` to send to this model (the request's, clamped to the model's maximum). */
  maxTokens: number;
};

export type RouteSkip = {
  modelId: string;
  reason: 'unknown_model' | 'wrong_kind' | 'context_window' | string;
};

export type Route = { candidates: RouteCandidate[]; skipped: RouteSkip[] };

export type Router = {
  route(req: RouteRequest, opts?: { catalog?: Catalog; overrides?: RouteOverrides }): Route;
  /** The ordered model list for a task after org overrides (for display in settings). */
  modelsFor(task: AiTask, overrides?: RouteOverrides): readonly string[];
};

/**
 * Builds the task router. `routes` is the default matrix (Bedrock or local); an organization's
 * override replaces a task's whole list. Models whose context window cannot hold the estimated
 * prompt plus the requested output are skipped, never silently truncated.
 */
export function createRouter(args: {
  catalog: Catalog;
  routes: Record<AiTask, readonly string[]>;
  /** AWS region, to add the geographic profile prefix to profile-only models. */
  region?: string | null;
}): Router {
  const modelsFor = (task: AiTask, overrides?: RouteOverrides) => {
    const override = overrides?.[task];
    return override && override.length > 0 ? override : args.routes[task];
  };
  return {
    modelsFor,
    route(req, opts) {
      const catalog = opts?.catalog ?? args.catalog;
      const ids = req.pinModel ? [req.pinModel] : modelsFor(req.task, opts?.overrides);
      const wantKind = req.task === 'embed' ? 'embedding' : 'text';
      const candidates: RouteCandidate[] = [];
      const skipped: RouteSkip[] = [];
      for (const id of ids) {
        const resolved = catalog.resolve(id);
        if (!resolved) {
          skipped.push({ modelId: id, reason: 'unknown_model' });
          continue;
        }
        const { model } = resolved;
        if (model.kind !== wantKind) {
          skipped.push({ modelId: id, reason: 'wrong_kind' });
          continue;
        }
        const maxTokens = model.kind === 'text' ? Math.min(req.maxOutputTokens, model.maxOutputTokens) : 0;
        if (req.inputTokens + maxTokens > model.contextWindow) {
          skipped.push({ modelId: id, reason: 'context_window' });
          continue;
        }
        const invocationId = invocationIdFor(id, model, args.region ?? null);
        const again = catalog.resolve(invocationId);
        candidates.push({ ...(again ?? resolved), maxTokens });
      }
      return { candidates, skipped };
    },
  };
}

/** Throws when a route has no candidate, naming why each model was skipped. */
export function assertRoutable(task: AiTask, route: Route): void {
  if (route.candidates.length > 0) return;
  const why = route.skipped.map((s) => `${s.modelId} (${s.reason})`).join(', ') || 'no models configured';
  throw new NoModelAvailableError(`No model can serve task ${task}: ${why}`, route.skipped);
}
