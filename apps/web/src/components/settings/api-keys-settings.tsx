'use client';

import {
  Alert,
  AlertDescription,
  AlertTitle,
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Checkbox,
  CopyButton,
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
  Input,
  Label,
  NativeSelect,
  toast,
} from '@consailt/ui';
import { KeyRoundIcon, LoaderCircleIcon, PlusIcon, TriangleAlertIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { formatDate, formatDateTime } from '@/lib/format';
import { SCOPE_DESCRIPTIONS, type Scope } from '@/lib/permissions';
import { api, type RouterOutputs } from '@/trpc/react';
import { ConfirmButton } from '../confirm-button';
import { FormError } from '../form-error';
import { useSession } from '../session-provider';

type ApiKey = RouterOutputs['apiKeys']['list'][number];

const EXPIRY_OPTIONS = [
  { value: 'never', label: 'Never' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In 1 year' },
  { value: 'custom', label: 'On a date…' },
] as const;
type Expiry = (typeof EXPIRY_OPTIONS)[number]['value'];

const DAY_MS = 24 * 60 * 60 * 1000;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The chosen expiry as an instant; custom dates expire at the end of that day (UTC). */
function expiryDate(expiry: Expiry, customDay: string): Date | null | 'invalid' {
  if (expiry === 'never') return null;
  if (expiry === 'custom') {
    const date = new Date(`${customDay}T23:59:59Z`);
    return Number.isNaN(date.getTime()) || date.getTime() <= Date.now() ? 'invalid' : date;
  }
  return new Date(Date.now() + Number(expiry) * DAY_MS);
}

function CreateKeyForm({ onCreated }: { onCreated: (created: { key: string; apiKey: ApiKey }) => void }) {
  const { scopes: held } = useSession();
  const formId = useId();
  const [name, setName] = useState('');
  // Read-only by default: the least a key can do; widen it deliberately.
  const [scopes, setScopes] = useState<Scope[]>(held.includes('knowledge:read') ? ['knowledge:read'] : []);
  const [expiry, setExpiry] = useState<Expiry>('90');
  const [customDay, setCustomDay] = useState(isoDay(new Date(Date.now() + 30 * DAY_MS)));
  const [localError, setLocalError] = useState<string | null>(null);
  const create = api.apiKeys.create.useMutation({ onSuccess: onCreated });

  const toggle = (scope: Scope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = expiryDate(expiry, customDay);
    if (expiresAt === 'invalid') {
      setLocalError('Pick an expiry date after today.');
      return;
    }
    if (scopes.length === 0) {
      setLocalError('Pick at least one scope.');
      return;
    }
    setLocalError(null);
    create.mutate({ name, scopes, expiresAt });
  };

  const allSelected = scopes.length === held.length;

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" aria-describedby={`${formId}-error`}>
      <div className="grid gap-2">
        <Label htmlFor={`${formId}-name`}>Name</Label>
        <Input
          id={`${formId}-name`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="e.g. CI export, Zapier"
          maxLength={100}
          required
          autoFocus
        />
        <p className="text-muted-foreground text-xs">
          So you recognise it later in the list and the audit log.
        </p>
      </div>

      <fieldset className="grid gap-3">
        <div className="flex items-center justify-between gap-2">
          <legend className="font-medium text-sm">Scopes</legend>
          <Button
            type="button"
            variant="link"
            size="sm"
            className="h-auto p-0"
            onClick={() => setScopes(allSelected ? [] : [...held])}
          >
            {allSelected ? 'Clear all' : 'Select all'}
          </Button>
        </div>
        <p className="-mt-2 text-muted-foreground text-xs">
          A key can hold only permissions you hold yourself. Grant the fewest it needs.
        </p>
        <div className="grid max-h-64 gap-2 overflow-y-auto rounded-md border p-3 sm:grid-cols-2">
          {held.map((scope) => {
            const id = `${formId}-scope-${scope}`;
            return (
              <div key={scope} className="flex items-start gap-2">
                <Checkbox
                  id={id}
                  checked={scopes.includes(scope)}
                  onCheckedChange={(checked) => toggle(scope, checked === true)}
                  className="mt-0.5"
                  aria-describedby={`${id}-desc`}
                />
                <div className="grid gap-0.5">
                  <Label htmlFor={id} className="font-mono font-normal text-xs">
                    {scope}
                  </Label>
                  <span id={`${id}-desc`} className="text-muted-foreground text-xs">
                    {SCOPE_DESCRIPTIONS[scope]}
                  </span>
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid gap-2">
          <Label htmlFor={`${formId}-expiry`}>Expires</Label>
          <NativeSelect
            id={`${formId}-expiry`}
            value={expiry}
            onChange={(event) => setExpiry(event.target.value as Expiry)}
          >
            {EXPIRY_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </NativeSelect>
        </div>
        {expiry === 'custom' ? (
          <div className="grid gap-2">
            <Label htmlFor={`${formId}-expiry-date`}>Expiry date</Label>
            <Input
              id={`${formId}-expiry-date`}
              type="date"
              value={customDay}
              min={isoDay(new Date(Date.now() + DAY_MS))}
              onChange={(event) => setCustomDay(event.target.value)}
              required
            />
          </div>
        ) : null}
      </div>

      <div id={`${formId}-error`}>
        <FormError error={localError ? { message: localError } : create.error} />
      </div>

      <DialogFooter>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? <LoaderCircleIcon className="animate-spin" aria-hidden /> : null}
          Create key
        </Button>
      </DialogFooter>
    </form>
  );
}

function CreatedKey({ created, onDone }: { created: { key: string; apiKey: ApiKey }; onDone: () => void }) {
  return (
    <div className="flex flex-col gap-4" data-testid="created-key">
      <Alert variant="warning">
        <TriangleAlertIcon aria-hidden />
        <AlertTitle>Copy this key now</AlertTitle>
        <AlertDescription>
          <p>
            This is the only time it is shown: Consailt stores only a hash. Keep it in a secret manager. If it
            is lost, revoke it and create a new one.
          </p>
        </AlertDescription>
      </Alert>
      <div className="grid gap-2">
        <Label htmlFor="created-key-value">API key “{created.apiKey.name}”</Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input
            id="created-key-value"
            readOnly
            value={created.key}
            className="font-mono text-xs"
            data-testid="created-key-value"
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton value={created.key} label="Copy key" />
        </div>
        <p className="text-muted-foreground text-xs">
          Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
        </p>
      </div>
      <DialogFooter>
        <Button type="button" onClick={onDone}>
          I have copied it
        </Button>
      </DialogFooter>
    </div>
  );
}

function CreateKeyDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ key: string; apiKey: ApiKey } | null>(null);

  // Closing forgets the secret: it must not survive in memory once the dialog is gone.
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) setCreated(null);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden />
          Create API key
        </Button>
      </DialogTrigger>
      <DialogContent
        className="sm:max-w-xl"
        // While the secret is on screen, a stray click outside must not throw it away.
        onInteractOutside={(event) => {
          if (created) event.preventDefault();
        }}
      >
        <DialogHeader>
          <DialogTitle>{created ? 'API key created' : 'Create API key'}</DialogTitle>
          <DialogDescription>
            {created
              ? 'Store the key somewhere safe before you close this dialog.'
              : 'Keys act for the organization, never see private entries, and can be revoked at any time.'}
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <CreatedKey created={created} onDone={() => onOpenChange(false)} />
        ) : (
          <CreateKeyForm
            onCreated={(result) => {
              setCreated(result);
              toast.success(`API key “${result.apiKey.name}” created`);
              router.refresh();
            }}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

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
