'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  Checkbox,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@consailt/ui';
import { ArrowDownIcon, ArrowUpIcon, LoaderCircleIcon, LockIcon, RotateCwIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useMemo, useState } from 'react';
import { formatDate, humanize } from '@/lib/format';
import { api } from '@/trpc/react';
import { BulkActions } from './bulk-actions';
import { KnowledgeFilters } from './knowledge-filters';
import { effectiveOrder, hasFilters, type ListState, listInput, listStateToSearch } from './list-params';
import type { KnowledgeOptions } from './options';

const PAGE_SIZE = 25;

const COLUMNS = ['Title', 'Type', 'Engagement', 'Category', 'Tags', 'Author', 'Source', 'Updated'] as const;

function LoadingRows({ span }: { span: number }) {
  return (
    <>
      {['a', 'b', 'c', 'd', 'e', 'f'].map((key) => (
        <TableRow key={key}>
          {Array.from({ length: span }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity.
            <TableCell key={i}>
              <Skeleton className="h-4 w-full min-w-8" />
            </TableCell>
          ))}
        </TableRow>
      ))}
    </>
  );
}

/**
 * The Knowledge table: filters and sort (kept in the address bar), keyset pagination ("Load more"),
 * and, for those who may write, row selection with bulk tag / move / delete.
 */
export function KnowledgeTable({
  initialState,
  options,
  canWrite,
}: {
  initialState: ListState;
  options: KnowledgeOptions;
  canWrite: boolean;
}) {
  const pathname = usePathname();
  const [state, setState] = useState(initialState);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const query = api.knowledge.list.useInfiniteQuery(
    { limit: PAGE_SIZE, ...listInput(state) },
    { getNextPageParam: (last) => last.nextCursor ?? undefined },
  );
  const entries = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  function update(next: ListState) {
    setState(next);
    setSelected(new Set());
    // The native history API updates the address without a server round trip (Next.js keeps its
    // router in sync); replace, not push, so the back button does not step through every filter click.
    window.history.replaceState(null, '', `${pathname}${listStateToSearch(next)}`);
  }

  const allSelected = entries.length > 0 && entries.every((e) => selected.has(e.id));
  const span = COLUMNS.length + (canWrite ? 1 : 0);
  const order = effectiveOrder(state);

  function toggle(id: string, on: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <KnowledgeFilters state={state} options={options} onChange={update} />
      {canWrite && selected.size > 0 ? (
        <BulkActions ids={[...selected]} options={options} onDone={() => setSelected(new Set())} />
      ) : null}
      {query.isError ? (
        <Card role="alert">
          <CardContent className="flex flex-col items-start gap-3">
            <p className="text-sm">The knowledge list could not be loaded: {query.error.message}</p>
            <Button variant="outline" size="sm" onClick={() => void query.refetch()}>
              <RotateCwIcon aria-hidden />
              Retry
            </Button>
          </CardContent>
        </Card>
      ) : (
        <Card className="py-0">
          <Table data-testid="knowledge-table">
            <TableHeader>
              <TableRow>
                {canWrite ? (
                  <TableHead className="w-10">
                    <Checkbox
                      aria-label="Select all entries"
                      checked={allSelected ? true : selected.size > 0 ? 'indeterminate' : false}
                      onCheckedChange={(value) =>
                        setSelected(value === true ? new Set(entries.map((e) => e.id)) : new Set())
                      }
                    />
                  </TableHead>
                ) : null}
                {COLUMNS.map((column) => {
                  const sort = column === 'Title' ? 'title' : column === 'Updated' ? 'updated' : null;
                  if (!sort) return <TableHead key={column}>{column}</TableHead>;
                  const active = state.sort === sort;
                  return (
                    <TableHead
                      key={column}
                      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 hover:text-foreground"
                        onClick={() =>
                          update({
                            ...state,
                            sort,
                            order: active ? (order === 'asc' ? 'desc' : 'asc') : null,
                          })
                        }
                      >
                        {column}
                        {active ? (
                          order === 'asc' ? (
                            <ArrowUpIcon className="size-3.5" aria-hidden />
                          ) : (
                            <ArrowDownIcon className="size-3.5" aria-hidden />
                          )
                        ) : null}
                      </button>
                    </TableHead>
                  );
                })}
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.isPending ? (
                <LoadingRows span={span} />
              ) : entries.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={span} className="py-10 text-center text-muted-foreground">
                    {hasFilters(state) ? 'No entries match these filters.' : 'No knowledge entries yet.'}
                  </TableCell>
                </TableRow>
              ) : (
                entries.map((entry) => (
                  <TableRow
                    key={entry.id}
                    data-testid="knowledge-row"
                    data-state={selected.has(entry.id) ? 'selected' : undefined}
                  >
                    {canWrite ? (
                      <TableCell>
                        <Checkbox
                          aria-label={`Select ${entry.title}`}
                          checked={selected.has(entry.id)}
                          onCheckedChange={(value) => toggle(entry.id, value === true)}
                        />
                      </TableCell>
                    ) : null}
                    <TableCell className="min-w-64 whitespace-normal font-medium">
                      <Link href={`/knowledge/${entry.id}`} className="hover:underline">
                        {entry.title}
                      </Link>
                      {entry.visibility === 'private' ? (
                        <LockIcon
                          className="ml-1.5 inline size-3.5 text-muted-foreground"
                          aria-label="Private"
                        />
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <Badge variant="secondary">{humanize(entry.type)}</Badge>
                    </TableCell>
                    <TableCell className="min-w-36 whitespace-normal text-muted-foreground">
                      {entry.engagementName ?? '—'}
                    </TableCell>
                    <TableCell className="text-muted-foreground">{entry.categoryName ?? '—'}</TableCell>
                    <TableCell className="min-w-32 whitespace-normal">
                      <div className="flex flex-wrap gap-1">
                        {entry.tags.map((tag) => (
                          <Badge key={tag} variant="outline">
                            {tag}
                          </Badge>
                        ))}
                      </div>
                    </TableCell>
                    <TableCell className="text-muted-foreground">{entry.authorName ?? '—'}</TableCell>
                    <TableCell className="text-muted-foreground">{humanize(entry.source)}</TableCell>
                    <TableCell className="text-muted-foreground tabular-nums">
                      {formatDate(entry.updatedAt)}
                    </TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
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
        </Card>
      )}
    </div>
  );
}
