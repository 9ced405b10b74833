'use client';

import { Button, Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@consailt/ui';
import { LoaderCircleIcon, MailOpenIcon } from 'lucide-react';
import { formatDate, humanize } from '@/lib/format';
import { api } from '@/trpc/react';
import { FormError } from './form-error';
import { useSession } from './session-provider';
import { useSwitchOrg } from './use-switch-org';

/**
 * Accepting is a deliberate click, not a side effect of opening the link: link previews and prefetchers
 * fetch URLs too, and a single-use token must not be spent by them.
 */
export type InvitePreview = { orgName: string; inviterName: string | null; role: string; expiresAt: Date };

export function AcceptInvite({ token, preview }: { token: string; preview?: InvitePreview }) {
  const { user } = useSession();
  const { switchTo } = useSwitchOrg();
  const accept = api.invitations.accept.useMutation({
    onSuccess: async (result) => {
      await switchTo({ id: result.orgId }, { navigateTo: '/' });
    },
  });

  return (
    <Card className="mx-auto w-full max-w-lg">
      <CardHeader>
        <span className="mb-2 flex size-10 items-center justify-center rounded-full bg-muted">
          <MailOpenIcon className="size-5 text-muted-foreground" aria-hidden />
        </span>
        <CardTitle>
          {preview ? `Join ${preview.orgName}` : 'You have been invited to an organization'}
        </CardTitle>
        <CardDescription>
          {preview ? (
            <span className="mb-2 block" data-testid="invite-preview">
              {preview.inviterName ?? 'A member'} invited you as{' '}
              <strong className="text-foreground">{humanize(preview.role).toLowerCase()}</strong>. The
              invitation expires on {formatDate(preview.expiresAt)}.
            </span>
          ) : null}
          You are signed in as <strong className="text-foreground">{user.email}</strong>. The invitation only
          works for the email address it was sent to, once, within 7 days.
        </CardDescription>
      </CardHeader>
      {accept.error || accept.data ? (
        <CardContent className="flex flex-col gap-3">
          <FormError error={accept.error} />
          {accept.data ? (
            <p className="text-sm" role="status">
              Joined as {humanize(accept.data.role).toLowerCase()}. Taking you there…
            </p>
          ) : null}
        </CardContent>
      ) : null}
      <CardFooter className="justify-end">
        <Button onClick={() => accept.mutate({ token })} disabled={accept.isPending || accept.isSuccess}>
          {accept.isPending ? <LoaderCircleIcon className="animate-spin" aria-hidden /> : null}
          Accept invitation
        </Button>
      </CardFooter>
    </Card>
  );
}
