'use client';

import { Button, Card, Input, NativeSelect, toast } from '@consailt/ui';
import { FolderInputIcon, LoaderCircleIcon, TagIcon, Trash2Icon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, type RouterInputs } from '@/trpc/react';
import { ConfirmButton } from '../confirm-button';
import { normalizeTagName } from './editor-helpers';
import { categoryLabel, type KnowledgeOptions } from './options';

type BulkAction = RouterInputs['knowledge']['bulk']['action'];

// Sentinel for "clear it" in the move pickers (an empty value means nothing chosen yet).
const NONE = 'none';

/** Bulk tag / move / delete for the selected rows, through `knowledge.bulk` (all or nothing). */
export function BulkActions({
  ids,
  options,
  onDone,
}: {
  ids: string[];
  options: KnowledgeOptions;
  onDone: () => void;
}) {
  const router = useRouter();
  const utils = api.useUtils();
  const [tag, setTag] = useState('');
  const [engagement, setEngagement] = useState('');
  const [category, setCategory] = useState('');
  const bulk = api.knowledge.bulk.useMutation({
    onSuccess: async ({ updated }, { action }) => {
      const verb = action.type === 'delete' ? 'Moved to trash' : action.type === 'move' ? 'Moved' : 'Tagged';
      toast.success(`${verb}: ${updated} ${updated === 1 ? 'entry' : 'entries'}`);
      setTag('');
      setEngagement('');
      setCategory('');
      onDone();
      await utils.knowledge.list.invalidate();
      // New tags and counts live in the server-rendered filter options.
      router.refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  const run = (action: BulkAction) => bulk.mutate({ ids, action });
  const count = `${ids.length} ${ids.length === 1 ? 'entry' : 'entries'}`;

  return (
    <Card className="flex-row flex-wrap items-center gap-3 px-4 py-3" data-testid="bulk-actions">
      <span className="font-medium text-sm" aria-live="polite">
        {count} selected
      </span>
      {bulk.isPending ? <LoaderCircleIcon className="size-4 animate-spin" aria-label="Working" /> : null}
      <form
        className="flex items-center gap-1.5"
        onSubmit={(event) => {
          event.preventDefault();
          const name = normalizeTagName(tag);
          if (name) run({ type: 'addTags', tags: [name] });
        }}
      >
        <Input
          aria-label="Tag to add"
          placeholder="Add tag…"
          list="bulk-tag-options"
          value={tag}
          maxLength={50}
          onChange={(event) => setTag(event.target.value)}
          className="h-8 w-36"
        />
        <datalist id="bulk-tag-options">
          {options.tags.map((t) => (
            <option key={t.id} value={t.name} />
          ))}
        </datalist>
        <Button type="submit" size="sm" variant="outline" disabled={bulk.isPending || !normalizeTagName(tag)}>
          <TagIcon aria-hidden />
          Tag
        </Button>
      </form>
      <div className="flex items-center gap-1.5">
        <NativeSelect
          aria-label="Move to engagement"
          value={engagement}
          onChange={(event) => setEngagement(event.target.value)}
          wrapperClassName="w-44"
          className="h-8"
        >
          <option value="">Engagement…</option>
          <option value={NONE}>No engagement</option>
          {options.engagements.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </NativeSelect>
        <Button
          size="sm"
          variant="outline"
          aria-label="Move selected entries to the engagement"
          disabled={bulk.isPending || !engagement}
          onClick={() => run({ type: 'move', engagementId: engagement === NONE ? null : engagement })}
        >
          <FolderInputIcon aria-hidden />
          Move
        </Button>
      </div>
      <div className="flex items-center gap-1.5">
        <NativeSelect
          aria-label="Move to category"
          value={category}
          onChange={(event) => setCategory(event.target.value)}
          wrapperClassName="w-44"
          className="h-8"
        >
          <option value="">Category…</option>
          <option value={NONE}>No category</option>
          {options.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {categoryLabel(c)}
            </option>
          ))}
        </NativeSelect>
        <Button
          size="sm"
          variant="outline"
          aria-label="Move selected entries to the category"
          disabled={bulk.isPending || !category}
          onClick={() => run({ type: 'move', categoryId: category === NONE ? null : category })}
        >
          <FolderInputIcon aria-hidden />
          Move
        </Button>
      </div>
      <ConfirmButton
        size="sm"
        variant="destructive"
        className="ml-auto"
        disabled={bulk.isPending}
        title={`Move ${count} to the trash?`}
        description="They disappear from lists and search at once and can be restored from the trash."
        confirmLabel="Move to trash"
        onConfirm={() => run({ type: 'delete' })}
      >
        <Trash2Icon aria-hidden />
        Delete
      </ConfirmButton>
    </Card>
  );
}
