'use client';

import {
  Button,
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
import { LoaderCircleIcon, PlusIcon } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { api } from '@/trpc/react';
import { FormError } from '../form-error';
import { INTERVALS } from './feeds-manager';

export default function AddFeedDialog() {
  const formId = useId();
  const utils = api.useUtils();
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [interval, setInterval] = useState(60);
  const [engagementId, setEngagementId] = useState('');
  const engagements = api.engagements.list.useQuery(undefined, { enabled: open });
  const create = api.feeds.create.useMutation({
    onSuccess: () => {
      toast.success('Feed added; its first poll is on its way');
      setOpen(false);
      setUrl('');
      setTitle('');
      setEngagementId('');
      void utils.feeds.list.invalidate();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      url,
      ...(title.trim() ? { title: title.trim() } : {}),
      intervalMinutes: interval,
      engagementId: engagementId || null,
    });
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden />
          Add feed
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>Add a news feed</DialogTitle>
          <DialogDescription>
            An RSS or Atom address (http or https). New articles are summarized and scored.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} className="flex flex-col gap-4">
          <div className="grid gap-2">
            <Label htmlFor={`${formId}-url`}>Feed URL</Label>
            <Input
              id={`${formId}-url`}
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://example.com/feed.xml"
              maxLength={2000}
              required
              autoFocus
            />
          </div>
          <div className="grid gap-2">
            <Label htmlFor={`${formId}-title`}>Title</Label>
            <Input
              id={`${formId}-title`}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder="Taken from the feed when empty"
              maxLength={300}
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="grid gap-2">
              <Label htmlFor={`${formId}-interval`}>Polling interval</Label>
              <NativeSelect
                id={`${formId}-interval`}
                value={String(interval)}
                onChange={(e) => setInterval(Number(e.target.value))}
              >
                {INTERVALS.map((i) => (
                  <option key={i.minutes} value={i.minutes}>
                    {i.label}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="grid gap-2">
              <Label htmlFor={`${formId}-engagement`}>Engagement</Label>
              <NativeSelect
                id={`${formId}-engagement`}
                value={engagementId}
                onChange={(e) => setEngagementId(e.target.value)}
              >
                <option value="">None</option>
                {(engagements.data ?? []).map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
          </div>
          <FormError error={create.error} />
          <DialogFooter>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? <LoaderCircleIcon className="animate-spin" aria-hidden /> : null}
              Add feed
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
