'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
  Input,
  Label,
  Switch,
  toast,
} from '@consailt/ui';
import { LoaderCircleIcon, PlusIcon, XIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { api, type RouterOutputs } from '@/trpc/react';
import { LazyConfirmDialog } from '../confirm-button';
import { FormError } from '../form-error';

type AiSettings = RouterOutputs['settings']['getAi'];

const MAX_TERMS = 500;

export function SensitiveTermsCard({ terms, editable }: { terms: string[]; editable: boolean }) {
  const router = useRouter();
  const [list, setList] = useState<string[]>(terms);
  const [draft, setDraft] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const savedKey = terms.join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: savedKey stands for `terms`' contents.
  useEffect(() => setList(terms), [savedKey]);
  const save = api.settings.updateAi.useMutation({
    onSuccess: () => {
      toast.success('Sensitive terms saved');
      router.refresh();
    },
  });
  const dirty = list.join('\u0000') !== savedKey;

  const add = (event: FormEvent) => {
    event.preventDefault();
    const term = draft.trim();
    if (term.length < 2) return setHint('Terms are at least 2 characters.');
    if (term.length > 100) return setHint('Terms are at most 100 characters.');
    if (list.some((existing) => existing.toLowerCase() === term.toLowerCase()))
      return setHint(`“${term}” is already on the list.`);
    if (list.length >= MAX_TERMS) return setHint(`At most ${MAX_TERMS} terms.`);
    setList((current) => [...current, term]);
    setDraft('');
    setHint(null);
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Sensitive terms</CardTitle>
        <CardDescription>
          Replaced with placeholders before any text reaches a model, and restored in the answer. Every
          engagement’s client name, email addresses and phone numbers are always included; add code names,
          people and anything else that must not leave.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {list.length === 0 ? (
          <p className="text-muted-foreground text-sm">
            No custom terms yet.{editable ? ' Add a project code name or a person to start.' : ''}
          </p>
        ) : (
          <ul className="flex flex-wrap gap-2" aria-label="Sensitive terms" data-testid="sensitive-terms">
            {list.map((term) => (
              <li key={term}>
                <Badge variant="secondary" className="h-7 gap-1 pr-1 pl-2.5 font-normal text-sm">
                  {term}
                  {editable ? (
                    <button
                      type="button"
                      onClick={() => setList((current) => current.filter((other) => other !== term))}
                      className="rounded-sm p-0.5 opacity-70 outline-none hover:opacity-100 focus-visible:ring-[3px] focus-visible:ring-ring"
                      aria-label={`Remove ${term}`}
                    >
                      <XIcon className="size-3.5" aria-hidden />
                    </button>
                  ) : null}
                </Badge>
              </li>
            ))}
          </ul>
        )}
        {editable ? (
          <form onSubmit={add} className="flex flex-col gap-2 sm:flex-row sm:items-end">
            <div className="grid flex-1 gap-1.5">
              <Label htmlFor="new-term">Add a term</Label>
              <Input
                id="new-term"
                value={draft}
                onChange={(event) => setDraft(event.target.value)}
                placeholder="e.g. Project Falcon"
                aria-describedby={hint ? 'new-term-hint' : undefined}
              />
            </div>
            <Button type="submit" variant="outline">
              <PlusIcon aria-hidden />
              Add
            </Button>
          </form>
        ) : null}
        {hint ? (
          <p id="new-term-hint" className="text-destructive text-sm" role="status">
            {hint}
          </p>
        ) : null}
        <FormError error={save.error} />
      </CardContent>
      {editable ? (
        <CardFooter className="justify-end gap-2">
          {dirty ? (
            <Button type="button" variant="outline" onClick={() => setList(terms)}>
              Discard
            </Button>
          ) : null}
          <Button
            type="button"
            disabled={!dirty || save.isPending}
            onClick={() => save.mutate({ sensitiveTerms: list })}
          >
            {save.isPending ? <LoaderCircleIcon className="animate-spin" aria-hidden /> : null}
            Save terms
          </Button>
        </CardFooter>
      ) : null}
    </Card>
  );
}

function SettingRow({
  id,
  title,
  description,
  checked,
  disabled,
  pending,
  onCheckedChange,
}: {
  id: string;
  title: string;
  description: ReactNode;
  checked: boolean;
  disabled: boolean;
  pending: boolean;
  onCheckedChange: (checked: boolean) => void;
}) {
  return (
    <div className="flex items-start justify-between gap-4">
      <div className="grid gap-1">
        <Label htmlFor={id}>{title}</Label>
        <div id={`${id}-description`} className="text-muted-foreground text-sm">
          {description}
        </div>
      </div>
      <div className="flex items-center gap-2 pt-0.5">
        {pending ? <LoaderCircleIcon className="size-4 animate-spin" aria-label="Saving" /> : null}
        <Switch
          id={id}
          checked={checked}
          disabled={disabled || pending}
          onCheckedChange={onCheckedChange}
          aria-describedby={`${id}-description`}
        />
      </div>
    </div>
  );
}

export function PrivacyCard({
  settings,
  canManage,
  isOwner,
}: {
  settings: AiSettings;
  canManage: boolean;
  isOwner: boolean;
}) {
  const router = useRouter();
  const [confirmOff, setConfirmOff] = useState(false);
  const [pendingField, setPendingField] = useState<'sanitize' | 'tracePrompts' | null>(null);
  const update = api.settings.updateAi.useMutation({
    onSuccess: (result, variables) => {
      if (variables.sanitize !== undefined)
        toast.success(result.sanitize ? 'Redaction turned on' : 'Redaction turned off');
      if (variables.tracePrompts !== undefined)
        toast.success(result.tracePrompts ? 'Prompts will be traced' : 'Prompts will not be traced');
      router.refresh();
    },
    onError: (error) => toast.error(error.message),
    onSettled: () => setPendingField(null),
  });

  const set = (field: 'sanitize' | 'tracePrompts', value: boolean) => {
    setPendingField(field);
    update.mutate({ [field]: value });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Privacy</CardTitle>
        <CardDescription>
          What leaves Consailt when a feature calls a model, and what is traced.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <SettingRow
          id="ai-sanitize"
          title="Redact sensitive data"
          description={
            <>
              <p>
                Client names, sensitive terms, email addresses and phone numbers are swapped for placeholders
                before text is sent to the model provider, and put back in the answer.
              </p>
              {settings.sanitize ? null : (
                <p className="mt-1 font-medium text-destructive">
                  Off: text goes to the model provider exactly as written.
                </p>
              )}
              {isOwner ? null : <p className="mt-1">Only owners can change this.</p>}
            </>
          }
          checked={settings.sanitize}
          disabled={!isOwner}
          pending={pendingField === 'sanitize'}
          onCheckedChange={(checked) => (checked ? set('sanitize', true) : setConfirmOff(true))}
        />
        <SettingRow
          id="ai-trace-prompts"
          title="Include prompts in traces"
          description={
            <>
              <p>
                When tracing (Langfuse) is configured, also send the prompt and completion text — redacted if
                redaction is on. Off: traces carry only the model, tokens, cost and latency.
              </p>
              {canManage ? null : <p className="mt-1">Owners and admins can change this.</p>}
            </>
          }
          checked={settings.tracePrompts}
          disabled={!canManage}
          pending={pendingField === 'tracePrompts'}
          onCheckedChange={(checked) => set('tracePrompts', checked)}
        />
      </CardContent>

      <LazyConfirmDialog
        open={confirmOff}
        onOpenChange={setConfirmOff}
        title="Turn off redaction?"
        description={
          <>
            <p>
              Every AI call will send your clients’ names, your sensitive terms, email addresses and phone
              numbers to the model provider (AWS Bedrock) as written, and they may appear in traces if prompt
              tracing is on.
            </p>
            <p>Check that your client agreements allow this. You can turn it back on at any time.</p>
          </>
        }
        confirmLabel="Turn off redaction"
        onConfirm={() => set('sanitize', false)}
        destructive
      />
    </Card>
  );
}
