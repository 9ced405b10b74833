'use client';

import { Button, toast } from '@consailt/ui';
import { PencilIcon, Trash2Icon } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { api } from '@/trpc/react';
import { ConfirmButton } from '../confirm-button';

/** Edit and delete for an engagement (shown only with `engagements:manage`). */
export function EngagementActions({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const utils = api.useUtils();
  const remove = api.engagements.delete.useMutation({
    onSuccess: async () => {
      toast.success(`“${name}” deleted`);
      await utils.engagements.invalidate();
      router.push('/engagements');
      router.refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  return (
    <>
      <ConfirmButton
        variant="outline"
        disabled={remove.isPending}
        title={`Delete “${name}”?`}
        description="The engagement leaves lists and pickers. Its entries stay in the knowledge base."
        confirmLabel="Delete engagement"
        onConfirm={() => remove.mutate({ id })}
      >
        <Trash2Icon aria-hidden />
        Delete
      </ConfirmButton>
      <Button asChild>
        <Link href={`/engagements/${id}/edit`}>
          <PencilIcon aria-hidden />
          Edit
        </Link>
      </Button>
    </>
  );
}
