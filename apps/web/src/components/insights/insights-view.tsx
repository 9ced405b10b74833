'use client';

import {
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  cn,
  Input,
  Label,
  NativeSelect,
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
  toast,
} from '@consailt/ui';
import { ExternalLinkIcon, PlayIcon, SquareIcon, TriangleAlertIcon } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { AnswerView } from '../ask/answer-view';
import { useSession } from '../session-provider';
import { EntryPicker, type PickedEntry } from './entry-picker';
import { InsightDetail } from './insight-detail';
import { InsightHistory } from './insight-history';
import { asCitationLike, INSIGHT_KIND_OPTIONS, type InsightKind } from './insight-kinds';
import { useInsightStream } from './use-insight-stream';

/** Must match the server's limit on a selection (`MAX_SELECTED_ENTRIES`). */
const MAX_ENTRIES = 25;

export type InsightsViewProps = {
  engagements: { id: string; name: string; clientName: string; entryCount: number }[];
  initialEngagementId: string | null;
  initialInsightId: string | null;
};

/** `?engagement=` and `?id=` keep the choice and the open insight across reloads and links. */
function writeUrl(engagementId: string | null, insightId: string | null) {
  const params = new URLSearchParams();
  if (engagementId) params.set('engagement', engagementId);
  if (insightId) params.set('id', insightId);
  const qs = params.toString();
  window.history.replaceState(null, '', qs ? `/insights?${qs}` : '/insights');
}

export function InsightsView({ engagements, initialEngagementId, initialInsightId }: InsightsViewProps) {
  const { can } = useSession();
  const canRun = can('ai:use') && can('knowledge:write');
  const [subject, setSubject] = useState<'engagement' | 'entries'>('engagement');
  const [engagementId, setEngagementId] = useState<string | null>(
    initialEngagementId ?? engagements[0]?.id ?? null,
  );
  const [entries, setEntries] = useState<PickedEntry[]>([]);
  const [kind, setKind] = useState<InsightKind>('risk_assessment');
  const [focus, setFocus] = useState('');
  const [openId, setOpenId] = useState<string | null>(initialInsightId);
  const { run, start, stop, running } = useInsightStream({
    onSaved: (insight) => {
      toast.success('Insight saved', { description: insight.title });
      if (insight.entryId) writeUrl(engagementId, insight.entryId);
    },
  });
  const engagement = engagements.find((e) => e.id === engagementId) ?? null;

  const ready = subject === 'engagement' ? engagementId !== null : entries.length > 0;
  const onRun = () => {
    if (!ready || running) return;
    setOpenId(null);
    const label = INSIGHT_KIND_OPTIONS.find((o) => o.kind === kind)?.label ?? 'Insight';
    void start(
      subject === 'engagement'
        ? { kind, engagementId, focus: focus.trim() || null }
        : { kind, entryIds: entries.map((e) => e.id), focus: focus.trim() || null },
      label,
    );
  };
  const selectInsight = (id: string) => {
    if (running) stop();
    setOpenId(id);
    writeUrl(engagementId, id);
  };
  const showRun = run !== null && openId === null;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="flex min-w-0 flex-col gap-6">
        {canRun ? (
          <Card>
            <CardHeader>
              <CardTitle className="text-base">New analysis</CardTitle>
              <CardDescription>
                Reads the entries, streams the result with the entries it cites, and saves it as an insight.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <form
                className="flex flex-col gap-5"
                onSubmit={(e) => {
                  e.preventDefault();
                  onRun();
                }}
              >
                <Tabs value={subject} onValueChange={(v) => setSubject(v as 'engagement' | 'entries')}>
                  <TabsList aria-label="What to analyse">
                    <TabsTrigger value="engagement">An engagement</TabsTrigger>
                    <TabsTrigger value="entries">Selected entries</TabsTrigger>
                  </TabsList>
                  <TabsContent value="engagement" className="flex flex-col gap-2 pt-3">
                    <Label htmlFor="insight-engagement">Engagement</Label>
                    {engagements.length === 0 ? (
                      <p className="text-muted-foreground text-sm">
                        No engagements yet.{' '}
                        <Link className="underline" href="/engagements/new">
                          Create one
                        </Link>{' '}
                        or analyse selected entries instead.
                      </p>
                    ) : (
                      <NativeSelect
                        id="insight-engagement"
                        value={engagementId ?? ''}
                        onChange={(e) => {
                          setEngagementId(e.target.value || null);
                          writeUrl(e.target.value || null, openId);
                        }}
                      >
                        {engagements.map((e) => (
                          <option key={e.id} value={e.id}>
                            {e.name} · {e.clientName} ({e.entryCount} entries)
                          </option>
                        ))}
                      </NativeSelect>
                    )}
                  </TabsContent>
                  <TabsContent value="entries" className="pt-3">
                    <EntryPicker value={entries} onChange={setEntries} max={MAX_ENTRIES} />
                  </TabsContent>
                </Tabs>

                <fieldset className="flex flex-col gap-2">
                  <legend className="mb-2 font-medium text-sm">Kind of analysis</legend>
                  <div className="grid gap-2 sm:grid-cols-2">
                    {INSIGHT_KIND_OPTIONS.map((option) => (
                      <label
                        key={option.kind}
                        className={cn(
                          'flex cursor-pointer gap-3 rounded-lg border p-3 text-sm transition-colors hover:bg-accent/50',
                          'has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring',
                          kind === option.kind && 'border-primary bg-primary/5',
                        )}
                      >
                        <input
                          type="radio"
                          name="insight-kind"
                          value={option.kind}
                          checked={kind === option.kind}
                          onChange={() => setKind(option.kind)}
                          className="mt-0.5 accent-primary"
                        />
                        <span className="flex flex-col gap-0.5">
                          <span className="font-medium">{option.label}</span>
                          <span className="text-muted-foreground text-xs">{option.description}</span>
                        </span>
                      </label>
                    ))}
                  </div>
                </fieldset>

                <div className="flex flex-col gap-2">
                  <Label htmlFor="insight-focus">Focus (optional)</Label>
                  <Input
                    id="insight-focus"
                    value={focus}
                    onChange={(e) => setFocus(e.target.value)}
                    maxLength={500}
                    placeholder="e.g. the data migration, Q3 deadlines"
                  />
                </div>

                <div className="flex flex-wrap gap-2">
                  <Button type="submit" disabled={!ready || running}>
                    <PlayIcon aria-hidden />
                    {running ? 'Running…' : 'Run analysis'}
                  </Button>
                  {running ? (
                    <Button type="button" variant="outline" onClick={stop}>
                      <SquareIcon aria-hidden />
                      Stop
                    </Button>
                  ) : null}
                </div>
              </form>
            </CardContent>
          </Card>
        ) : (
          <Card className="border-dashed">
            <CardHeader>
              <CardTitle className="text-base">Running analyses needs the AI and write permissions</CardTitle>
              <CardDescription>
                Your role can read the insights others have run; ask an owner or admin to run new ones.
              </CardDescription>
            </CardHeader>
          </Card>
        )}

        {showRun && run ? (
          <Card data-testid="insight-run" aria-live="polite">
            <CardHeader>
              <CardTitle className="text-base">
                {run.label}
                {run.engagementName ? `: ${run.engagementName}` : ''}
              </CardTitle>
              {run.phase === 'reading' ? <CardDescription>Reading the entries…</CardDescription> : null}
              {run.phase === 'writing' ? (
                <CardDescription>Writing from {run.sources.length} entries…</CardDescription>
              ) : null}
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              {run.error ? (
                <div className="flex items-start gap-2 text-sm" role="alert">
                  <TriangleAlertIcon aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
                  <div>
                    <p className="font-medium">{run.error.title}</p>
                    <p className="text-muted-foreground">{run.error.message}</p>
                  </div>
                </div>
              ) : null}
              {run.text || run.phase !== 'failed' ? (
                <AnswerView
                  text={run.text}
                  citations={(run.insight?.citations ?? run.sources).map(asCitationLike)}
                  status={
                    run.phase === 'reading'
                      ? 'searching'
                      : run.phase === 'writing'
                        ? 'answering'
                        : run.insight?.status === 'complete'
                          ? 'complete'
                          : 'incomplete'
                  }
                  meta={
                    run.insight
                      ? {
                          modelId: run.insight.modelId,
                          costMicroUsd: run.insight.costMicroUsd,
                          latencyMs: run.insight.latencyMs,
                        }
                      : null
                  }
                  actions={
                    run.insight?.entryId ? (
                      <Button asChild variant="ghost" size="sm">
                        <Link href={`/knowledge/${run.insight.entryId}`}>
                          <ExternalLinkIcon aria-hidden />
                          Open saved insight
                        </Link>
                      </Button>
                    ) : null
                  }
                />
              ) : null}
              {run.insight && !run.insight.entryId ? (
                <p className="text-muted-foreground text-xs">
                  The analysis was cut off, so it was not saved.
                </p>
              ) : null}
            </CardContent>
          </Card>
        ) : null}

        {openId ? <InsightDetail id={openId} /> : null}
      </div>

      <InsightHistory
        engagementId={subject === 'engagement' ? engagementId : null}
        engagementName={subject === 'engagement' ? (engagement?.name ?? null) : null}
        selectedId={openId ?? run?.insight?.entryId ?? null}
        onSelect={selectInsight}
      />
    </div>
  );
}
