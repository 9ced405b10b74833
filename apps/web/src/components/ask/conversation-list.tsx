'use client';

import { Button, cn, Skeleton } from '@consailt/ui';
import { MessageSquarePlusIcon } from 'lucide-react';
import { formatDate } from '@/lib/format';
import { api } from '@/trpc/react';

const PAGE_SIZE = 30;

/** The user's conversations, most recently active first, with "New conversation" on top. */
export function ConversationList({
  activeId,
  onOpen,
  onNew,
}: {
  activeId: string | null;
  onOpen: (id: string) => void;
  onNew: () => void;
}) {
  const list = api.ask.conversations.useInfiniteQuery(
    { limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor },
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <nav aria-label="Conversations" className="flex flex-col gap-3">
      <Button onClick={onNew} variant="outline" className="justify-start">
        <MessageSquarePlusIcon aria-hidden />
        New conversation
      </Button>
      {list.isPending ? (
        <div className="flex flex-col gap-2" aria-hidden>
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-4/5" />
        </div>
      ) : list.isError ? (
        <p className="text-destructive text-sm" role="alert">
          Conversations could not be loaded: {list.error.message}
        </p>
      ) : items.length === 0 ? (
        <p className="px-1 text-muted-foreground text-sm">No conversations yet. Ask your first question.</p>
      ) : (
        <ul className="flex flex-col gap-0.5">
          {items.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                onClick={() => onOpen(c.id)}
                aria-current={c.id === activeId ? 'page' : undefined}
                data-testid="conversation-item"
                className={cn(
                  'flex w-full flex-col items-start gap-0.5 rounded-md px-2.5 py-2 text-left text-sm transition-colors hover:bg-accent',
                  c.id === activeId && 'bg-accent font-medium',
                )}
              >
                <span className="line-clamp-2 w-full">{c.title}</span>
                <span className="text-muted-foreground text-xs font-normal">{formatDate(c.updatedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage ? (
        <Button
          variant="ghost"
          size="sm"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          Older conversations
        </Button>
      ) : null}
    </nav>
  );
}
