'use client';

import { Button, toast } from '@consailt/ui';
import { PencilIcon, Trash2Icon } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { api } from '@/trpc/react';
import { ConfirmButton } from '../confirm-button';

/** Edit and delete for one entry, each shown only to those who may use it. */
export function EntryActions({
  entryId,
  title,
  canEdit,
  canDelete,
}: {
  entryId: string;
  title: string;
  canEdit: boolean;
  canDelete: boolean;
}) {
  const router = useRouter();
  const utils = api.useUtils();
  const remove = api.knowledge.delete.useMutation({
    onSuccess: async () => {
      toast.success(`“${title}” moved to the trash`);
      await utils.knowledge.invalidate();
      router.push('/knowledge');
      router.refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  return (
    <>
      {canDelete ? (
        <ConfirmButton
          variant="outline"
          disabled={remove.isPending}
          title="Move this entry to the trash?"
          description="It disappears from lists, search and answers at once. You can restore it from the trash."
          confirmLabel="Move to trash"
          onConfirm={() => remove.mutate({ id: entryId })}
        >
          <Trash2Icon aria-hidden />
          Delete
        </ConfirmButton>
      ) : null}
      {canEdit ? (
        <Button asChild>
          <Link href={`/knowledge/${entryId}/edit`}>
            <PencilIcon aria-hidden />
            Edit
          </Link>
        </Button>
      ) : null}
    </>
  );
}
