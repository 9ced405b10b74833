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
} from '@consailt/ui';
import { PencilIcon } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { api } from '@/trpc/react';
import { FormError } from '../form-error';

const MAX_TITLE = 200;

export default function RenameDialog({ id, title }: { id: string; title: string }) {
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
