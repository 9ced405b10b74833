'use client';

import {
  Button,
  Dialog,
  DialogContent,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
  Input,
  Label,
  toast,
} from '@consailt/ui';
import { PencilIcon, Trash2Icon } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { api } from '@/trpc/react';
import { ConfirmButton } from '../confirm-button';
import { FormError } from '../form-error';

const MAX_TITLE = 200;

function RenameDialog({ id, title }: { id: string; title: string }) {
  const inputId = useId();
  const utils = api.useUtils();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(title);
  const rename = api.ask.renameConversation.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.ask.conversation.invalidate({ id }), utils.ask.conversations.invalidate()]);
      setOpen(false);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ id, title: value });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setValue(title);
          rename.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          <PencilIcon aria-hidden />
          Rename
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>Rename conversation</DialogTitle>
          </DialogHeader>
          <div className="flex flex-col gap-2">
            <Label htmlFor={inputId}>Title</Label>
            <Input
              id={inputId}
              value={value}
              maxLength={MAX_TITLE}
              required
              onChange={(e) => setValue(e.target.value)}
            />
          </div>
          <FormError error={rename.error} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={rename.isPending || !value.trim()}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** The open conversation's title with rename and delete. */
export function ConversationHeader({
  id,
  title,
  onDeleted,
}: {
  id: string;
  title: string;
  onDeleted: () => void;
}) {
  const utils = api.useUtils();
  const remove = api.ask.deleteConversation.useMutation({
    onSuccess: async () => {
      onDeleted();
      await utils.ask.conversations.invalidate();
      toast.success('Conversation deleted');
    },
    onError: (error) => toast.error('Conversation not deleted', { description: error.message }),
  });
  return (
    <div className="flex items-center gap-2 border-b pb-3">
      <h2 className="min-w-0 flex-1 truncate font-semibold" data-testid="conversation-title">
        {title}
      </h2>
      <RenameDialog id={id} title={title} />
      <ConfirmButton
        variant="ghost"
        size="sm"
        title="Delete this conversation?"
        description="Its questions, answers and feedback are deleted for good."
        confirmLabel="Delete"
        disabled={remove.isPending}
        onConfirm={() => remove.mutate({ id })}
      >
        <Trash2Icon aria-hidden />
        Delete
      </ConfirmButton>
    </div>
  );
}
