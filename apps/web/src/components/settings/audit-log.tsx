'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Input,
  Label,
  NativeSelect,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@consailt/ui';
import {
  FilterXIcon,
  KeyRoundIcon,
  LoaderCircleIcon,
  RotateCwIcon,
  SearchIcon,
  UserIcon,
} from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { formatDateTime } from '@/lib/format';
import { api, type RouterInputs, type RouterOutputs } from '@/trpc/react';
import { FormError } from '../form-error';

type AuditItem = RouterOutputs['audit']['list']['items'][number];
type AuditFilters = Omit<NonNullable<RouterInputs['audit']['list']>, 'cursor' | 'limit'>;
type ActorOption = { value: string; label: string };

const PAGE_SIZE = 50;
const ACTION_PREFIXES = ['org.', 'member.', 'invitation.', 'api_key.', 'budget.', 'settings.'];
const COLUMNS = ['Event', 'Actor', 'Target', 'Details'] as const;
// Narrow screens keep the event and who did it; target and details fold into the event cell.
const COLUMN_CLASSES: Record<(typeof COLUMNS)[number], string | undefined> = {
  Event: 'pl-6',
  Actor: 'pr-6 sm:pr-2',
  Target: 'hidden sm:table-cell',
  Details: 'hidden pr-6 sm:table-cell',
};

type Draft = { action: string; actor: string; target: string; from: string; to: string };
const EMPTY_DRAFT: Draft = { action: '', actor: '', target: '', from: '', to: '' };

/**
 * audit.list strips `%` and `_` from the action prefix instead of escaping them, so "api_key." would
 * match nothing. Ask the server for the part before the first of them and narrow the rows here; once
 * the API escapes them, the narrowing changes nothing.
 */
function serverActionPrefix(action: string): string | undefined {
  return action.trim().split(/[%_]/)[0] || undefined;
}

/** Form fields -> procedure input. Dates are whole UTC days, `to` inclusive. */
function toFilters(draft: Draft): AuditFilters {
  const [kind, id] = draft.actor.split(':');
  return {
    action: serverActionPrefix(draft.action),
    actorUserId: kind === 'user' ? id : undefined,
    actorApiKeyId: kind === 'key' ? id : undefined,
    targetId: draft.target.trim() || undefined,
    from: draft.from ? new Date(`${draft.from}T00:00:00.000Z`) : undefined,
    to: draft.to ? new Date(`${draft.to}T23:59:59.999Z`) : undefined,
  };
}

function ActorCell({ item, onFilter }: { item: AuditItem; onFilter: (actor: string) => void }) {
  if (item.actorType === 'system') return <span className="text-muted-foreground">System</span>;
  const isKey = item.actorType === 'api_key';
  const id = isKey ? item.actorApiKeyId : item.actorUserId;
  const label = (isKey ? item.actorKeyName : item.actorName) ?? 'Deleted';
  const Icon = isKey ? KeyRoundIcon : UserIcon;
  if (!id) return <span>{label}</span>;
  return (
    <button
      type="button"
      onClick={() => onFilter(`${isKey ? 'key' : 'user'}:${id}`)}
      className="inline-flex items-center gap-1.5 rounded-sm text-left underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring"
      title={`Show only ${label}`}
    >
      <Icon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
      {label}
      {isKey ? <span className="sr-only">(API key)</span> : null}
    </button>
  );
}

function DetailsCell({ item }: { item: AuditItem }) {
  const hasMetadata = Object.keys(item.metadata).length > 0;
  return (
    <details className="group max-w-80 text-xs">
      <summary className="cursor-pointer rounded-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring">
        Details · {item.ip ?? 'no IP'}
      </summary>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 whitespace-normal">
        <dt className="text-muted-foreground">IP</dt>
        <dd className="font-mono">{item.ip ?? '—'}</dd>
        <dt className="text-muted-foreground">Agent</dt>
        <dd className="break-all">{item.userAgent ?? '—'}</dd>
        {hasMetadata ? (
          <>
            <dt className="text-muted-foreground">Data</dt>
            <dd>
              <pre className="max-h-48 overflow-auto rounded bg-muted p-2 font-mono text-[11px]">
                {JSON.stringify(item.metadata, null, 2)}
              </pre>
            </dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}

function LoadingRows() {
  return (
    <>
      {['a', 'b', 'c', 'd', 'e'].map((key) => (
        <TableRow key={key}>
          {COLUMNS.map((column) => (
            <TableCell key={column} className={COLUMN_CLASSES[column]}>
              <Skeleton className="h-4 w-full min-w-16" />
            </TableCell>
          ))}
        </TableRow>
      ))}
    </>
  );
}

export function AuditLog({ actors }: { actors: { members: ActorOption[]; keys: ActorOption[] } }) {
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [applied, setApplied] = useState<Draft>(EMPTY_DRAFT);
  const query = api.audit.list.useInfiniteQuery(
    { ...toFilters(applied), limit: PAGE_SIZE },
    { getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined },
  );
  const actionPrefix = applied.action.trim();
  const items = (query.data?.pages.flatMap((page) => page.items) ?? []).filter((item) =>
    item.action.startsWith(actionPrefix),
  );
  const filtered = Object.values(applied).some((value) => value !== '');

  const apply = (next: Draft) => {
    setDraft(next);
    setApplied(next);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const set = (field: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [field]: event.target.value }));

  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>Audit log</CardTitle>
        <CardDescription>
          Security-relevant changes in this organization, newest first: who did what, to what, from where.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Filters">
          <div className="grid gap-1.5">
            <Label htmlFor="audit-action">Action starts with</Label>
            <Input
              id="audit-action"
              list="audit-action-prefixes"
              placeholder="e.g. api_key."
              value={draft.action}
              onChange={set('action')}
              maxLength={100}
            />
            <datalist id="audit-action-prefixes">
              {ACTION_PREFIXES.map((prefix) => (
                <option key={prefix} value={prefix} />
              ))}
            </datalist>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="audit-actor">Actor</Label>
            <NativeSelect id="audit-actor" value={draft.actor} onChange={set('actor')}>
              <option value="">Anyone</option>
              {actors.members.length ? (
                <optgroup label="Members">
                  {actors.members.map((actor) => (
                    <option key={actor.value} value={actor.value}>
                      {actor.label}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {actors.keys.length ? (
                <optgroup label="API keys">
                  {actors.keys.map((actor) => (
                    <option key={actor.value} value={actor.value}>
                      {actor.label}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </NativeSelect>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="audit-target">Target id</Label>
            <Input
              id="audit-target"
              placeholder="A user, key or organization id"
              value={draft.target}
              onChange={set('target')}
              maxLength={100}
              className="font-mono"
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="audit-from">From (UTC)</Label>
            <Input
              id="audit-from"
              type="date"
              value={draft.from}
              max={draft.to || undefined}
              onChange={set('from')}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="audit-to">To (UTC)</Label>
            <Input
              id="audit-to"
              type="date"
              value={draft.to}
              min={draft.from || undefined}
              onChange={set('to')}
            />
          </div>
          <div className="flex items-end gap-2">
            <Button type="submit" className="flex-1 sm:flex-none">
              <SearchIcon aria-hidden />
              Apply
            </Button>
            <Button type="button" variant="outline" disabled={!filtered} onClick={() => apply(EMPTY_DRAFT)}>
              <FilterXIcon aria-hidden />
              Clear
            </Button>
          </div>
        </form>
      </CardContent>

      <CardContent className="px-0">
        {query.isError ? (
          <div className="flex flex-col items-start gap-3 px-6">
            <FormError error={query.error} />
            <Button variant="outline" size="sm" onClick={() => void query.refetch()}>
              <RotateCwIcon aria-hidden />
              Retry
            </Button>
          </div>
        ) : (
          <Table data-testid="audit-table" aria-busy={query.isFetching}>
            <TableHeader>
              <TableRow>
                {COLUMNS.map((column) => (
                  <TableHead key={column} className={COLUMN_CLASSES[column]}>
                    {column}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.isPending ? (
                <LoadingRows />
              ) : items.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={COLUMNS.length} className="py-10 text-center text-muted-foreground">
                    {filtered
                      ? 'Nothing matches these filters. Widen the dates or clear the filters.'
                      : 'No audit events yet. Inviting someone, creating a key or changing a budget will show up here.'}
                  </TableCell>
                </TableRow>
              ) : (
                items.map((item) => (
                  <TableRow key={item.id} data-testid="audit-row" className="align-top">
                    <TableCell className="whitespace-normal pl-6">
                      <div className="flex flex-col items-start gap-1">
                        <Badge variant="secondary" className="font-mono font-normal">
                          {item.action}
                        </Badge>
                        <span className="text-muted-foreground text-xs tabular-nums">
                          {formatDateTime(item.createdAt)}
                        </span>
                        <div className="sm:hidden">
                          <DetailsCell item={item} />
                        </div>
                      </div>
                    </TableCell>
                    <TableCell className="pr-6 sm:pr-2">
                      <ActorCell item={item} onFilter={(actor) => apply({ ...applied, actor })} />
                    </TableCell>
                    <TableCell className="hidden sm:table-cell">
                      {item.targetId ? (
                        <button
                          type="button"
                          onClick={() => apply({ ...applied, target: item.targetId ?? '' })}
                          className="flex flex-col rounded-sm text-left outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring"
                          title="Show only events for this target"
                        >
                          <span className="text-xs">{item.targetType ?? 'target'}</span>
                          <code className="font-mono text-muted-foreground text-xs">
                            {item.targetId.length > 13 ? `${item.targetId.slice(0, 8)}…` : item.targetId}
                          </code>
                        </button>
                      ) : (
                        <span className="text-muted-foreground">—</span>
                      )}
                    </TableCell>
                    <TableCell className="hidden pr-6 sm:table-cell">
                      <DetailsCell item={item} />
                    </TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        )}
        {query.hasNextPage ? (
          <div className="flex justify-center border-t p-3">
            <Button
              variant="outline"
              size="sm"
              onClick={() => void query.fetchNextPage()}
              disabled={query.isFetchingNextPage}
            >
              {query.isFetchingNextPage ? <LoaderCircleIcon className="animate-spin" aria-hidden /> : null}
              {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
