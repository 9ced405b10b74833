'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  cn,
  Skeleton,
  toast,
} from '@consailt/ui';
import { GitCompareIcon, HistoryIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { formatDateTime } from '@/lib/format';
import { api } from '@/trpc/react';
import { ConfirmButton } from '../confirm-button';
import { FormError } from '../form-error';
import { diffRows } from './editor-helpers';

function VersionDiff({ entryId, from, to }: { entryId: string; from: number; to: number }) {
  const diff = api.knowledge.diff.useQuery({ id: entryId, from, to });
  if (diff.isPending) return <Skeleton className="h-24 w-full" />;
  if (diff.isError) return <FormError error={diff.error} />;
  const rows = diffRows(diff.data.changes);
  return (
    <div className="flex flex-col gap-2" data-testid="version-diff">
      <p className="text-muted-foreground text-sm">
        Version {from} → {to}:{' '}
        <span className="text-emerald-700 dark:text-emerald-400">+{diff.data.added}</span>{' '}
        <span className="text-red-700 dark:text-red-400">−{diff.data.removed}</span>
        {diff.data.titleChanged ? ` · title was “${diff.data.from.title}”` : null}
      </p>
      <div className="max-h-96 overflow-auto rounded-md border font-mono text-xs">
        {rows.length === 0 ? (
          <p className="p-3 text-muted-foreground">The bodies are identical.</p>
        ) : (
          <table className="w-full border-collapse">
            <tbody>
              {rows.map((row, i) => (
                <tr
                  // biome-ignore lint/suspicious/noArrayIndexKey: diff rows are positional and never reorder.
                  key={i}
                  data-op={row.op}
                  className={cn(
                    row.op === 'insert' && 'bg-emerald-500/10',
                    row.op === 'delete' && 'bg-red-500/10',
                  )}
                >
                  <td className="w-8 select-none px-1 text-right text-muted-foreground">
                    {row.oldLine ?? ''}
                  </td>
                  <td className="w-8 select-none px-1 text-right text-muted-foreground">
                    {row.newLine ?? ''}
                  </td>
                  <td className="w-4 select-none text-center" aria-hidden>
                    {row.op === 'insert' ? '+' : row.op === 'delete' ? '−' : ''}
                  </td>
                  <td className="whitespace-pre-wrap break-all px-2">
                    <span className="sr-only">
                      {row.op === 'insert' ? 'Added: ' : row.op === 'delete' ? 'Removed: ' : ''}
                    </span>
                    {row.text}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

/** An entry's versions, newest first: compare any with the current one, and restore it (as a new version). */
export function VersionHistory({
  entryId,
  currentVersion,
  canWrite,
}: {
  entryId: string;
  currentVersion: number;
  canWrite: boolean;
}) {
  const router = useRouter();
  const utils = api.useUtils();
  const versions = api.knowledge.versions.useQuery({ id: entryId });
  const [compare, setCompare] = useState<number | null>(null);
  const restore = api.knowledge.restoreVersion.useMutation({
    onSuccess: async ({ version }, { version: restored }) => {
      toast.success(`Version ${restored} restored as version ${version}`);
      setCompare(null);
      await utils.knowledge.invalidate();
      router.refresh();
    },
    onError: (error) => toast.error(error.message),
  });

  return (
    <Card data-testid="version-history">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <HistoryIcon className="size-4" aria-hidden />
          Version history
        </CardTitle>
        <CardDescription>
          Every change of title or body is kept. Restoring an old version saves it as a new one.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {versions.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : versions.isError ? (
          <FormError error={versions.error} />
        ) : (
          <ul className="divide-y rounded-md border">
            {versions.data.map((v) => (
              <li
                key={v.version}
                data-testid="version-row"
                className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2 text-sm"
              >
                <span className="font-medium tabular-nums">Version {v.version}</span>
                {v.version === currentVersion ? <Badge variant="secondary">Current</Badge> : null}
                <span className="min-w-0 flex-1 truncate text-muted-foreground">
                  {v.title} · {v.editedByName ?? 'Unknown'} · {formatDateTime(v.createdAt)}
                </span>
                {v.version !== currentVersion ? (
                  <div className="flex gap-2">
                    <Button
                      size="sm"
                      variant={compare === v.version ? 'secondary' : 'outline'}
                      aria-pressed={compare === v.version}
                      onClick={() => setCompare(compare === v.version ? null : v.version)}
                    >
                      <GitCompareIcon aria-hidden />
                      Compare
                    </Button>
                    {canWrite ? (
                      <ConfirmButton
                        size="sm"
                        variant="outline"
                        destructive={false}
                        disabled={restore.isPending}
                        title={`Restore version ${v.version}?`}
                        description="Its title and body become the current ones, saved as a new version. Nothing is lost: the current text stays in the history."
                        confirmLabel={`Restore version ${v.version}`}
                        onConfirm={() => restore.mutate({ id: entryId, version: v.version })}
                      >
                        Restore
                      </ConfirmButton>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {compare !== null ? <VersionDiff entryId={entryId} from={compare} to={currentVersion} /> : null}
      </CardContent>
    </Card>
  );
}
