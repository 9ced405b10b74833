'use client';

import {
  Alert,
  AlertDescription,
  AlertTitle,
  Button,
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
import { LoaderCircleIcon, PlusIcon, TriangleAlertIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { SCOPE_DESCRIPTIONS, type Scope } from '@/lib/permissions';
import { api, type RouterOutputs } from '@/trpc/react';
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

export default function CreateKeyDialog() {
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
