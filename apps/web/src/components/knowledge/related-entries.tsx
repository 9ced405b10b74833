'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  NativeSelect,
  Skeleton,
  toast,
} from '@consailt/ui';
import { ArrowLeftIcon, ArrowRightIcon, LinkIcon, UnlinkIcon } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { humanize } from '@/lib/format';
import { api } from '@/trpc/react';
import { FormError } from '../form-error';

/** How many titles the "link an entry" picker offers (alphabetical). */
const PICKER_LIMIT = 100;

function LinkPicker({ entryId, exclude }: { entryId: string; exclude: ReadonlySet<string> }) {
  const utils = api.useUtils();
  const [target, setTarget] = useState('');
  const candidates = api.knowledge.list.useQuery({ limit: PICKER_LIMIT, sort: 'title' });
  const link = api.knowledge.link.useMutation({
    onSuccess: async () => {
      toast.success('Entries linked');
      setTarget('');
      await utils.knowledge.related.invalidate({ id: entryId });
    },
    onError: (error) => toast.error(error.message),
  });
  const choices = (candidates.data?.items ?? []).filter((e) => e.id !== entryId && !exclude.has(e.id));
  return (
    <form
      className="flex gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (target) link.mutate({ fromId: entryId, toId: target });
      }}
    >
      <NativeSelect
        aria-label="Entry to link"
        value={target}
        onChange={(event) => setTarget(event.target.value)}
        disabled={candidates.isPending}
        className="h-8"
      >
        <option value="">Link another entry…</option>
        {choices.map((e) => (
          <option key={e.id} value={e.id}>
            {e.title}
          </option>
        ))}
      </NativeSelect>
      <Button type="submit" size="sm" variant="outline" disabled={!target || link.isPending}>
        <LinkIcon aria-hidden />
        Link
      </Button>
    </form>
  );
}

/**
 * Related entries: manual links (both directions; a link reads both ways) and suggestions by meaning
 * from the search index, which respect visibility. Writers can link a suggestion or unlink.
 */
export function RelatedEntries({ entryId, canWrite }: { entryId: string; canWrite: boolean }) {
  const utils = api.useUtils();
  const related = api.knowledge.related.useQuery({ id: entryId });
  const after = {
    onSuccess: async () => utils.knowledge.related.invalidate({ id: entryId }),
    onError: (error: { message: string }) => toast.error(error.message),
  };
  const link = api.knowledge.link.useMutation(after);
  const unlink = api.knowledge.unlink.useMutation(after);
  const linkedIds = new Set(related.data?.linked.map((l) => l.id) ?? []);

  return (
    <Card data-testid="related-entries">
      <CardHeader>
        <CardTitle>Related entries</CardTitle>
        <CardDescription>Linked by your team, and suggested by similarity.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm">
        {related.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : related.isError ? (
          <FormError error={related.error} />
        ) : (
          <>
            <section aria-label="Linked entries" className="flex flex-col gap-2">
              <h3 className="font-medium text-muted-foreground text-xs uppercase tracking-wide">Linked</h3>
              {related.data.linked.length === 0 ? (
                <p className="text-muted-foreground">No links yet.</p>
              ) : (
                <ul className="flex flex-col gap-1.5">
                  {related.data.linked.map((l) => (
                    <li key={l.id} className="flex items-center gap-2" data-testid="linked-entry">
                      {l.direction === 'outgoing' ? (
                        <ArrowRightIcon
                          className="size-3.5 shrink-0 text-muted-foreground"
                          aria-label="Links to"
                        />
                      ) : (
                        <ArrowLeftIcon
                          className="size-3.5 shrink-0 text-muted-foreground"
                          aria-label="Linked from"
                        />
                      )}
                      <Link href={`/knowledge/${l.id}`} className="min-w-0 flex-1 truncate hover:underline">
                        {l.title}
                      </Link>
                      <Badge variant="outline">{humanize(l.type)}</Badge>
                      {canWrite ? (
                        <Button
                          size="icon"
                          variant="ghost"
                          className="size-7"
                          aria-label={`Unlink ${l.title}`}
                          disabled={unlink.isPending}
                          onClick={() => unlink.mutate({ fromId: entryId, toId: l.id })}
                        >
                          <UnlinkIcon aria-hidden />
                        </Button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-label="Suggested entries" className="flex flex-col gap-2">
              <h3 className="font-medium text-muted-foreground text-xs uppercase tracking-wide">Suggested</h3>
              {related.data.suggested.length === 0 ? (
                <p className="text-muted-foreground">
                  No similar entries found (yet: new entries are indexed in the background).
                </p>
              ) : (
                <ul className="flex flex-col gap-1.5">
                  {related.data.suggested.map((s) => (
                    <li key={s.id} className="flex items-center gap-2" data-testid="suggested-entry">
                      <Link href={`/knowledge/${s.id}`} className="min-w-0 flex-1 truncate hover:underline">
                        {s.title}
                      </Link>
                      <span className="text-muted-foreground text-xs tabular-nums" title="Similarity">
                        {Math.round(s.similarity * 100)}%
                      </span>
                      {canWrite ? (
                        <Button
                          size="icon"
                          variant="ghost"
                          className="size-7"
                          aria-label={`Link ${s.title}`}
                          disabled={link.isPending}
                          onClick={() => link.mutate({ fromId: entryId, toId: s.id })}
                        >
                          <LinkIcon aria-hidden />
                        </Button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {canWrite ? <LinkPicker entryId={entryId} exclude={linkedIds} /> : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
