'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  toast,
} from '@consailt/ui';
import { ArchiveRestoreIcon, LoaderCircleIcon, RotateCwIcon, Trash2Icon } from 'lucide-react';
import { formatDateTime, humanize } from '@/lib/format';
import { api } from '@/trpc/react';
import { ConfirmButton } from '../confirm-button';

const PAGE_SIZE = 25;

/** Trashed entries, most recently deleted first: restore them, or (for admins) delete them for good. */
export function TrashList({ canPurge }: { canPurge: boolean }) {
  const utils = api.useUtils();
  const query = api.knowledge.trash.useInfiniteQuery(
    { limit: PAGE_SIZE },
    { getNextPageParam: (last) => last.nextCursor ?? undefined },
  );
  const refresh = async () => {
    await Promise.all([utils.knowledge.trash.invalidate(), utils.knowledge.list.invalidate()]);
  };
  const restore = api.knowledge.restore.useMutation({
    onSuccess: async () => {
      toast.success('Entry restored');
      await refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  const purge = api.knowledge.purge.useMutation({
    onSuccess: async () => {
      toast.success('Entry deleted for good');
      await refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  if (query.isError) {
    return (
      <Card role="alert">
        <CardContent className="flex flex-col items-start gap-3">
          <p className="text-sm">The trash could not be loaded: {query.error.message}</p>
          <Button variant="outline" size="sm" onClick={() => void query.refetch()}>
            <RotateCwIcon aria-hidden />
            Retry
          </Button>
        </CardContent>
      </Card>
    );
  }

  return (
    <Card className="py-0">
      <Table data-testid="trash-table">
        <TableHeader>
          <TableRow>
            <TableHead>Title</TableHead>
            <TableHead>Type</TableHead>
            <TableHead>Deleted</TableHead>
            <TableHead>By</TableHead>
            <TableHead className="text-right">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {query.isPending ? (
            <TableRow>
              <TableCell colSpan={5}>
                <Skeleton className="h-8 w-full" />
              </TableCell>
            </TableRow>
          ) : items.length === 0 ? (
            <TableRow>
              <TableCell colSpan={5} className="py-10 text-center text-muted-foreground">
                The trash is empty.
              </TableCell>
            </TableRow>
          ) : (
            items.map((item) => (
              <TableRow key={item.id} data-testid="trash-row">
                <TableCell className="min-w-64 whitespace-normal font-medium">{item.title}</TableCell>
                <TableCell>
                  <Badge variant="secondary">{humanize(item.type)}</Badge>
                </TableCell>
                <TableCell className="text-muted-foreground tabular-nums">
                  {formatDateTime(item.deletedAt)}
                </TableCell>
                <TableCell className="text-muted-foreground">{item.deletedByName ?? '—'}</TableCell>
                <TableCell>
                  <div className="flex justify-end gap-2">
                    <Button
                      size="sm"
                      variant="outline"
                      aria-label={`Restore ${item.title}`}
                      disabled={restore.isPending}
                      onClick={() => restore.mutate({ id: item.id })}
                    >
                      <ArchiveRestoreIcon aria-hidden />
                      Restore
                    </Button>
                    {canPurge ? (
                      <ConfirmButton
                        size="sm"
                        variant="destructive"
                        aria-label={`Delete ${item.title} for good`}
                        disabled={purge.isPending}
                        title={`Delete “${item.title}” for good?`}
                        description="Its versions, tags and links are deleted too. This cannot be undone."
                        confirmLabel="Delete for good"
                        onConfirm={() => purge.mutate({ id: item.id })}
                      >
                        <Trash2Icon aria-hidden />
                        Purge
                      </ConfirmButton>
                    ) : null}
                  </div>
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
  );
}
