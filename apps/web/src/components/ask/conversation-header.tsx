'use client';

import { Button, toast } from '@consailt/ui';
import { PencilIcon, Trash2Icon } from 'lucide-react';
import { lazyAfterHydration } from '@/hooks/lazy-after-hydration';
import { api } from '@/trpc/react';
import { ConfirmButton } from '../confirm-button';

// Loaded just after the page hydrates (with Radix's dialog); until then its button shows, marked
// unavailable (aria-disabled) so that neither assistive technology nor a test clicks a dead button.
const RenameDialog = lazyAfterHydration(
  () => import('./rename-dialog'),
  () => (
    <Button variant="ghost" size="sm" aria-disabled="true">
      <PencilIcon aria-hidden />
      Rename
    </Button>
  ),
);

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
