'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  toast,
} from '@consailt/ui';
import { KeyRoundIcon, PlusIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { lazyAfterHydration } from '@/hooks/lazy-after-hydration';
import { formatDate, formatDateTime } from '@/lib/format';
import { api, type RouterOutputs } from '@/trpc/react';
import { ConfirmButton } from '../confirm-button';

type ApiKey = RouterOutputs['apiKeys']['list'][number];

// The create dialog (Radix dialog, the key form) loads just after the page hydrates; until then its
// button shows, marked unavailable (aria-disabled).
const CreateKeyDialog = lazyAfterHydration(
  () => import('./create-key-dialog'),
  () => (
    <Button aria-disabled="true">
      <PlusIcon aria-hidden />
      Create API key
    </Button>
  ),
);

function keyStatus(
  key: ApiKey,
  now: number,
): { label: string; variant: 'default' | 'secondary' | 'outline' } {
  if (key.revokedAt) return { label: 'Revoked', variant: 'outline' };
  if (key.expiresAt && key.expiresAt.getTime() <= now) return { label: 'Expired', variant: 'outline' };
  return { label: 'Active', variant: 'secondary' };
}

function ScopeList({ scopes }: { scopes: readonly string[] }) {
  const shown = scopes.slice(0, 4);
  const rest = scopes.length - shown.length;
  return (
    <div className="flex flex-wrap gap-1" title={scopes.join(', ')}>
      {shown.map((scope) => (
        <Badge key={scope} variant="outline" className="font-mono font-normal">
          {scope}
        </Badge>
      ))}
      {rest > 0 ? (
        <Badge variant="outline" className="font-normal">
          +{rest} more<span className="sr-only">: {scopes.slice(4).join(', ')}</span>
        </Badge>
      ) : null}
    </div>
  );
}

export function ApiKeysSettings({ keys, now }: { keys: ApiKey[]; now: number }) {
  const router = useRouter();
  const revoke = api.apiKeys.revoke.useMutation({
    onSuccess: (key) => {
      toast.success(`API key “${key.name}” revoked`);
      router.refresh();
    },
    onError: (error) => toast.error(error.message),
  });

  return (
    <Card className="gap-4">
      <CardHeader className="grid-cols-1 gap-3 sm:grid-cols-[1fr_auto]">
        <div className="grid gap-1.5">
          <CardTitle>API keys</CardTitle>
          <CardDescription>
            For scripts and integrations (the SDK, CI, automation). A key acts for this organization with the
            scopes you give it.
          </CardDescription>
        </div>
        <div className="sm:col-start-2 sm:row-start-1">
          <CreateKeyDialog />
        </div>
      </CardHeader>
      <CardContent className="px-0">
        {keys.length === 0 ? (
          <div className="flex flex-col items-center gap-2 px-6 py-10 text-center">
            <KeyRoundIcon className="size-6 text-muted-foreground" aria-hidden />
            <p className="font-medium text-sm">No API keys yet</p>
            <p className="max-w-sm text-muted-foreground text-sm">
              Create one to call the API from a script or an integration. You will see the secret once.
            </p>
          </div>
        ) : (
          <ul className="divide-y border-t" data-testid="api-keys-table" aria-label="API keys">
            {keys.map((key) => {
              const status = keyStatus(key, now);
              return (
                <li
                  key={key.id}
                  data-testid="api-key-row"
                  className="flex flex-col gap-2 px-6 py-4 sm:flex-row sm:items-start sm:gap-4"
                >
                  <div className="flex min-w-0 flex-1 flex-col gap-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{key.name}</span>
                      <Badge variant={status.variant}>{status.label}</Badge>
                      <code className="font-mono text-muted-foreground text-xs">csk_{key.prefix}_…</code>
                    </div>
                    <ScopeList scopes={key.scopes} />
                    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-muted-foreground text-xs">
                      <div className="flex gap-1">
                        <dt>Created</dt>
                        <dd>
                          {formatDate(key.createdAt)}
                          {key.createdByName ? ` by ${key.createdByName}` : ''}
                        </dd>
                      </div>
                      <div className="flex gap-1">
                        <dt>Last used</dt>
                        <dd className="tabular-nums">
                          {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'never'}
                        </dd>
                      </div>
                      <div className="flex gap-1">
                        <dt>{key.revokedAt ? 'Revoked' : 'Expires'}</dt>
                        <dd className="tabular-nums">
                          {key.revokedAt
                            ? formatDate(key.revokedAt)
                            : key.expiresAt
                              ? formatDate(key.expiresAt)
                              : 'never'}
                        </dd>
                      </div>
                    </dl>
                  </div>
                  {key.revokedAt ? null : (
                    <ConfirmButton
                      variant="outline"
                      size="sm"
                      className="self-start text-destructive hover:text-destructive"
                      disabled={revoke.isPending}
                      aria-label={`Revoke ${key.name}`}
                      title={`Revoke “${key.name}”?`}
                      description={
                        <p>
                          Requests with this key start failing with 401 immediately. This cannot be undone.
                        </p>
                      }
                      confirmLabel="Revoke key"
                      onConfirm={() => revoke.mutate({ id: key.id })}
                    >
                      Revoke
                    </ConfirmButton>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
