'use client';

import { Badge, Button, Input } from '@consailt/ui';
import { PlusIcon, XIcon } from 'lucide-react';
import { useId, useState } from 'react';
import { addTagName } from './editor-helpers';
import type { Option } from './options';

/**
 * Tag chips with a free-text input: existing tags are suggested, anything else is created when the
 * entry is saved. Enter or a comma adds the typed tag.
 */
export function TagPicker({
  id,
  value,
  onChange,
  suggestions,
  invalid,
  describedBy,
}: {
  id: string;
  value: string[];
  onChange: (tags: string[]) => void;
  suggestions: Option[];
  invalid?: boolean;
  describedBy?: string;
}) {
  const listId = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const lower = new Set(value.map((t) => t.toLowerCase()));

  function commit() {
    const result = addTagName(value, draft);
    setError(result.error);
    if (!result.error) {
      onChange(result.tags);
      setDraft('');
    }
  }

  return (
    <div className="flex flex-col gap-2">
      {value.length > 0 ? (
        <ul className="flex flex-wrap gap-1.5" aria-label="Tags on this entry">
          {value.map((tag) => (
            <li key={tag.toLowerCase()}>
              <Badge variant="secondary" className="gap-1 pr-1">
                {tag}
                <button
                  type="button"
                  className="rounded-sm p-0.5 hover:bg-background/60"
                  aria-label={`Remove tag ${tag}`}
                  onClick={() => onChange(value.filter((t) => t !== tag))}
                >
                  <XIcon className="size-3" aria-hidden />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex gap-2">
        <Input
          id={id}
          list={listId}
          placeholder="Type a tag and press Enter"
          value={draft}
          aria-invalid={invalid || error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setError(null);
            setDraft(event.target.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ',') {
              event.preventDefault();
              commit();
            } else if (event.key === 'Backspace' && draft === '' && value.length > 0) {
              onChange(value.slice(0, -1));
            }
          }}
          onBlur={() => {
            if (draft.trim()) commit();
          }}
        />
        <datalist id={listId}>
          {suggestions
            .filter((s) => !lower.has(s.name.toLowerCase()))
            .map((s) => (
              <option key={s.id} value={s.name} />
            ))}
        </datalist>
        <Button type="button" variant="outline" onClick={commit} disabled={!draft.trim()}>
          <PlusIcon aria-hidden />
          Add tag
        </Button>
      </div>
      {error ? <p className="text-destructive text-sm">{error}</p> : null}
    </div>
  );
}
