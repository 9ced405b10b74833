'use client';

import { Button, Card, CardContent, Input, Label, NativeSelect, Textarea, toast } from '@consailt/ui';
import { LoaderCircleIcon, SaveIcon } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type ReactNode, useDeferredValue, useState } from 'react';
import { lazyAfterHydration } from '@/hooks/lazy-after-hydration';
import { humanize } from '@/lib/format';
import { api, type RouterOutputs } from '@/trpc/react';
import { FormError } from '../form-error';
import {
  EDITOR_FIELDS,
  type EditorField,
  fieldErrorsFromIssues,
  TITLE_MAX,
  validateDraft,
} from './editor-helpers';
import { LIST_TYPES } from './list-params';
import { categoryLabel, type KnowledgeOptions } from './options';
import { TagPicker } from './tag-picker';
import { type TemplateDraft, TemplatePicker } from './template-picker';

// The markdown renderer (unified, micromark, remark-gfm) is the editor's largest dependency; the
// preview shows the plain text until it has loaded, just after the page hydrates.
const MarkdownView = lazyAfterHydration<{ source: string }>(
  () => import('./markdown').then((m) => ({ default: m.MarkdownView })),
  ({ source }: { source: string }) => (
    <div className="min-w-0 whitespace-pre-wrap break-words text-sm">{source}</div>
  ),
);

type Entry = RouterOutputs['knowledge']['byId'];
type Template = RouterOutputs['templates']['list'][number];
type EntryType = (typeof LIST_TYPES)[number];
type Visibility = 'organization' | 'private';

type Draft = {
  title: string;
  body: string;
  type: EntryType;
  visibility: Visibility;
  engagementId: string;
  categoryId: string;
  tags: string[];
  templateId: string | null;
};

function initialDraft(entry: Entry | undefined, engagementId: string | undefined): Draft {
  return {
    title: entry?.title ?? '',
    body: entry?.body ?? '',
    type: entry?.type ?? 'note',
    visibility: entry?.visibility ?? 'organization',
    engagementId: entry?.engagementId ?? engagementId ?? '',
    categoryId: entry?.categoryId ?? '',
    tags: entry?.tags.map((t) => t.name) ?? [],
    templateId: entry?.templateId ?? null,
  };
}

function Field({
  id,
  label,
  error,
  children,
  className,
}: {
  id: string;
  label: string;
  error?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className ?? 'grid gap-2'}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Create or edit a knowledge entry: markdown body with a live preview, template picker (new entries
 * only), type, visibility, engagement, category and tags. Errors show next to their field, whether
 * caught here first or refused by the API.
 */
export function EntryEditor({
  entry,
  options,
  templates = [],
  defaultEngagementId,
}: {
  entry?: Entry;
  options: KnowledgeOptions;
  templates?: Template[];
  defaultEngagementId?: string;
}) {
  const router = useRouter();
  const utils = api.useUtils();
  const [draft, setDraft] = useState(() => initialDraft(entry, defaultEngagementId));
  const [localErrors, setLocalErrors] = useState<Partial<Record<EditorField, string>>>({});
  const preview = useDeferredValue(draft.body);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((prev) => ({ ...prev, [key]: value }));
    setLocalErrors((prev) => ({ ...prev, [key]: undefined }));
  };

  const saved = async (id: string, message: string) => {
    toast.success(message);
    await utils.knowledge.invalidate();
    router.push(`/knowledge/${id}`);
    router.refresh();
  };
  const create = api.knowledge.create.useMutation({ onSuccess: ({ id }) => saved(id, 'Entry created') });
  const update = api.knowledge.update.useMutation({ onSuccess: ({ id }) => saved(id, 'Entry saved') });
  const mutation = entry ? update : create;
  const serverErrors = fieldErrorsFromIssues(mutation.error?.data?.issues, EDITOR_FIELDS);
  const errors = { ...serverErrors, ...Object.fromEntries(Object.entries(localErrors).filter(([, v]) => v)) };
  const hasFieldError = Object.keys(serverErrors).length > 0;

  function submit() {
    const found = validateDraft(draft);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const fields = {
      title: draft.title,
      body: draft.body,
      type: draft.type,
      visibility: draft.visibility,
      engagementId: draft.engagementId || null,
      categoryId: draft.categoryId || null,
      tags: draft.tags,
    };
    if (entry) update.mutate({ id: entry.id, ...fields, expectedVersion: entry.version });
    else create.mutate({ ...fields, templateId: draft.templateId });
  }

  function applyTemplate(rendered: TemplateDraft) {
    setDraft((prev) => ({
      ...prev,
      body: rendered.body,
      type: rendered.type,
      templateId: rendered.templateId,
    }));
    toast.success('Template applied');
  }

  const describe = (field: EditorField) => (errors[field] ? `entry-${field}-error` : undefined);

  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {!entry ? <TemplatePicker templates={templates} onApply={applyTemplate} /> : null}
      <Card className="py-4">
        <CardContent className="flex flex-col gap-4 px-4">
          <Field id="entry-title" label="Title" error={errors.title}>
            <Input
              id="entry-title"
              value={draft.title}
              maxLength={TITLE_MAX}
              placeholder="What is this about?"
              aria-invalid={errors.title ? true : undefined}
              aria-describedby={describe('title')}
              onChange={(event) => set('title', event.target.value)}
            />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Field id="entry-type" label="Type" error={errors.type}>
              <NativeSelect
                id="entry-type"
                value={draft.type}
                onChange={(event) => set('type', event.target.value as EntryType)}
              >
                {LIST_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {humanize(t)}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field id="entry-visibility" label="Visibility" error={errors.visibility}>
              <NativeSelect
                id="entry-visibility"
                value={draft.visibility}
                onChange={(event) => set('visibility', event.target.value as Visibility)}
              >
                <option value="organization">Organization</option>
                <option value="private">Private (only me)</option>
              </NativeSelect>
            </Field>
            <Field id="entry-engagement" label="Engagement" error={errors.engagementId}>
              <NativeSelect
                id="entry-engagement"
                value={draft.engagementId}
                onChange={(event) => set('engagementId', event.target.value)}
              >
                <option value="">No engagement</option>
                {options.engagements.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field id="entry-category" label="Category" error={errors.categoryId}>
              <NativeSelect
                id="entry-category"
                value={draft.categoryId}
                onChange={(event) => set('categoryId', event.target.value)}
              >
                <option value="">No category</option>
                {options.categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {categoryLabel(c)}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          </div>
          <Field id="entry-tags" label="Tags" error={errors.tags}>
            <TagPicker
              id="entry-tags"
              value={draft.tags}
              onChange={(tags) => set('tags', tags)}
              suggestions={options.tags}
              invalid={Boolean(errors.tags)}
              describedBy={describe('tags')}
            />
          </Field>
        </CardContent>
      </Card>

      <Card className="py-4">
        <CardContent className="px-4">
          <Field id="entry-body" label="Body (markdown)" error={errors.body} className="flex flex-col gap-2">
            {/* Side by side on wide screens, stacked on narrow ones. */}
            <div className="grid gap-4 lg:grid-cols-2">
              <Textarea
                id="entry-body"
                value={draft.body}
                placeholder={'# Heading\n\nWrite in markdown: **bold**, lists, tables, [links](https://…)'}
                className="min-h-96 font-mono text-sm"
                aria-invalid={errors.body ? true : undefined}
                aria-describedby={describe('body')}
                onChange={(event) => set('body', event.target.value)}
              />
              <section
                aria-label="Preview"
                className="min-h-40 overflow-auto rounded-md border bg-muted/20 p-3 lg:min-h-96"
              >
                {preview.trim() ? (
                  <MarkdownView source={preview} />
                ) : (
                  <p className="text-muted-foreground text-sm">The preview appears here as you type.</p>
                )}
              </section>
            </div>
          </Field>
        </CardContent>
      </Card>

      {mutation.error && !hasFieldError ? <FormError error={mutation.error} /> : null}
      <div className="flex justify-end gap-2">
        <Button variant="outline" asChild>
          <Link href={entry ? `/knowledge/${entry.id}` : '/knowledge'}>Cancel</Link>
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? (
            <LoaderCircleIcon className="animate-spin" aria-hidden />
          ) : (
            <SaveIcon aria-hidden />
          )}
          {entry ? 'Save changes' : 'Create entry'}
        </Button>
      </div>
    </form>
  );
}
