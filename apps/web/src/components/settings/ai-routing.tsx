'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Label,
  NativeSelect,
  toast,
} from '@consailt/ui';
import { ArrowDownIcon, ArrowUpIcon, LoaderCircleIcon, PlusIcon, RotateCcwIcon, XIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { humanize } from '@/lib/format';
import { api, type RouterOutputs } from '@/trpc/react';
import { ConfirmButton } from '../confirm-button';
import { FormError } from '../form-error';

type Models = RouterOutputs['ai']['models'];
type Route = Models['routes'][number];
type CatalogModel = Models['catalog'][number];

/** The server accepts at most this many models per task (first choice plus fallbacks). */
const MAX_MODELS = 6;

const TASK_DESCRIPTIONS: Record<string, string> = {
  quick_summary: 'Short summaries of entries and documents',
  project_analysis: 'Longer analysis across an engagement',
  risk_assessment: 'Careful reasoning about risks; worth a stronger model',
  technical_docs: 'Technical writing and documentation',
  realtime: 'Interactive features where latency matters most',
  answer: 'Cited answers to questions over your knowledge',
  classify: 'Tagging and classification',
  embed: 'Embeddings for search (embedding models only)',
};

function priceLine(model: CatalogModel): string {
  const input = model.price.input;
  const output = model.price.output;
  if (input == null) return model.provider;
  if (input === 0 && (output ?? 0) === 0) return `${model.provider} · free`;
  return `${model.provider} · $${input}/$${output ?? 0} per 1M in/out`;
}

function TaskRoute({
  route,
  catalog,
  editable,
}: {
  route: Route;
  catalog: CatalogModel[];
  editable: boolean;
}) {
  const router = useRouter();
  const initial = route.models.map((model) => model.id);
  const [ids, setIds] = useState<string[]>(initial);
  const [adding, setAdding] = useState('');
  const initialKey = initial.join('|');
  // A refresh after saving brings the server's list; adopt it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: initialKey stands for `initial`'s contents.
  useEffect(() => setIds(initial), [initialKey]);
  const update = api.settings.updateAi.useMutation({
    onSuccess: (_data, variables) => {
      const reset = Object.values(variables.routes ?? {}).some((list) => list?.length === 0);
      toast.success(`${humanize(route.task)}: ${reset ? 'default routing restored' : 'routing saved'}`);
      router.refresh();
    },
  });

  const byId = new Map(catalog.map((model) => [model.id, model]));
  const kind = route.task === 'embed' ? 'embedding' : 'text';
  const candidates = catalog.filter((model) => model.kind === kind && !ids.includes(model.id));
  const overridden = route.models.some((model) => model.overridden);
  const dirty = ids.join('|') !== initialKey;
  const titleId = `route-${route.task}`;

  const move = (index: number, delta: number) =>
    setIds((current) => {
      const next = [...current];
      const [item] = next.splice(index, 1);
      if (item !== undefined) next.splice(index + delta, 0, item);
      return next;
    });

  return (
    <section
      aria-labelledby={titleId}
      className="flex flex-col gap-3 rounded-lg border p-4"
      data-testid="task-route"
    >
      <div className="flex flex-wrap items-start gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-0.5">
          <h3 id={titleId} className="font-medium text-sm">
            {humanize(route.task)}
          </h3>
          <p className="text-muted-foreground text-xs">{TASK_DESCRIPTIONS[route.task] ?? route.task}</p>
        </div>
        <Badge variant={overridden ? 'default' : 'outline'}>{overridden ? 'Custom' : 'Default'}</Badge>
      </div>

      <ol className="flex flex-col gap-1.5" aria-label={`Models for ${humanize(route.task)}, in order`}>
        {ids.map((id, index) => {
          const model = byId.get(id);
          return (
            <li key={id} className="flex items-center gap-2 rounded-md bg-muted/50 px-2 py-1.5 text-sm">
              <span className="w-5 shrink-0 text-center text-muted-foreground text-xs tabular-nums">
                {index + 1}
              </span>
              <div className="flex min-w-0 flex-1 flex-col">
                <span className="truncate">
                  {model?.name ?? id}
                  {index === 0 ? null : <span className="text-muted-foreground text-xs"> · fallback</span>}
                </span>
                <span className="truncate font-mono text-muted-foreground text-xs">
                  {id}
                  {model ? ` · ${priceLine(model)}` : ' · not in the catalog'}
                </span>
              </div>
              {editable ? (
                <div className="flex shrink-0 items-center">
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="size-7"
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                    aria-label={`Move ${model?.name ?? id} up`}
                  >
                    <ArrowUpIcon aria-hidden />
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="size-7"
                    disabled={index === ids.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={`Move ${model?.name ?? id} down`}
                  >
                    <ArrowDownIcon aria-hidden />
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="size-7"
                    disabled={ids.length === 1}
                    onClick={() => setIds((current) => current.filter((other) => other !== id))}
                    aria-label={`Remove ${model?.name ?? id}`}
                  >
                    <XIcon aria-hidden />
                  </Button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>

      {editable ? (
        <>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
            <div className="grid flex-1 gap-1.5">
              <Label htmlFor={`${titleId}-add`} className="text-xs">
                Add a fallback
              </Label>
              <NativeSelect
                id={`${titleId}-add`}
                value={adding}
                onChange={(event) => setAdding(event.target.value)}
                disabled={ids.length >= MAX_MODELS || candidates.length === 0}
                className="h-8"
              >
                <option value="">
                  {ids.length >= MAX_MODELS ? `At most ${MAX_MODELS} models` : 'Choose a model…'}
                </option>
                {candidates.map((model) => (
                  <option key={model.id} value={model.id}>
                    {model.name} — {priceLine(model)}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={!adding}
              onClick={() => {
                setIds((current) => [...current, adding]);
                setAdding('');
              }}
            >
              <PlusIcon aria-hidden />
              Add
            </Button>
          </div>
          <FormError error={update.error} />
          <div className="flex flex-wrap justify-end gap-2">
            {overridden ? (
              <ConfirmButton
                variant="ghost"
                size="sm"
                destructive={false}
                disabled={update.isPending}
                title={`Reset ${humanize(route.task).toLowerCase()} to the default?`}
                description={<p>The organization’s custom model list for this task is removed.</p>}
                confirmLabel="Reset to default"
                onConfirm={() => update.mutate({ routes: { [route.task]: [] } })}
              >
                <RotateCcwIcon aria-hidden />
                Reset to default
              </ConfirmButton>
            ) : null}
            {dirty ? (
              <>
                <Button type="button" variant="outline" size="sm" onClick={() => setIds(initial)}>
                  Discard
                </Button>
                <Button
                  type="button"
                  size="sm"
                  disabled={ids.length === 0 || update.isPending}
                  onClick={() => update.mutate({ routes: { [route.task]: ids } })}
                >
                  {update.isPending ? <LoaderCircleIcon className="animate-spin" aria-hidden /> : null}
                  Save
                </Button>
              </>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}

export function AiRoutingCard({ models, editable }: { models: Models; editable: boolean }) {
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>Model routing</CardTitle>
        <CardDescription>
          Features ask for a task, not a model. Each task tries its models in order and falls back to the next
          on throttling, outages or timeouts.
          {editable ? '' : ' Owners and admins can change the order.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-3">
        {models.routes.map((route) => (
          <TaskRoute key={route.task} route={route} catalog={models.catalog} editable={editable} />
        ))}
      </CardContent>
    </Card>
  );
}
