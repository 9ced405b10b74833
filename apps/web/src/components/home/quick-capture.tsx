'use client';

import {
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Textarea,
  toast,
} from '@consailt/ui';
import { SendIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { usePrehydrationValue } from '@/hooks/use-prehydration-value';
import { api } from '@/trpc/react';
import { isSubmitShortcut, noteFromText } from './capture-helpers';

/**
 * A note in one keystroke: type, press Ctrl/⌘-Enter. The note is saved as a knowledge entry of type
 * "note" and the page's server data is refreshed, so it shows in Recent right away.
 */
export function QuickCapture() {
  const router = useRouter();
  const utils = api.useUtils();
  const id = useId();
  const [text, setText] = useState('');
  const textRef = useRef<HTMLTextAreaElement>(null);
  usePrehydrationValue(textRef, text, setText);
  const [refreshing, startRefresh] = useTransition();
  const create = api.knowledge.create.useMutation({
    onSuccess: async (_entry, variables) => {
      setText('');
      toast.success('Note captured', { description: variables.title });
      await utils.knowledge.invalidate();
      startRefresh(() => router.refresh());
    },
    onError: (error) => toast.error('Could not capture the note', { description: error.message }),
  });
  const note = noteFromText(text);
  const busy = create.isPending || refreshing;

  function submit() {
    if (!note || busy) return;
    create.mutate({ ...note, type: 'note' });
  }

  return (
    <Card className="gap-3" data-testid="quick-capture">
      <CardHeader>
        <CardTitle>
          <label htmlFor={id}>Quick capture</label>
        </CardTitle>
        <CardDescription id={`${id}-hint`}>
          The first line becomes the title. Press <kbd className="font-mono text-xs">Ctrl</kbd>/
          <kbd className="font-mono text-xs">⌘</kbd>+<kbd className="font-mono text-xs">Enter</kbd> to save.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="flex flex-col gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Textarea
            id={id}
            ref={textRef}
            name="note"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (isSubmitShortcut(event)) {
                event.preventDefault();
                submit();
              }
            }}
            placeholder="Jot down what you just learned…"
            aria-describedby={`${id}-hint`}
            rows={3}
            maxLength={20_000}
            disabled={create.isPending}
          />
          <div className="flex justify-end">
            <Button type="submit" size="sm" disabled={!note || busy}>
              <SendIcon aria-hidden />
              {busy ? 'Saving…' : 'Save note'}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
