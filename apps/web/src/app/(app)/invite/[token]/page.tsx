import { Card, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import { TRPCError } from '@trpc/server';
import { MailXIcon } from 'lucide-react';
import type { Metadata } from 'next';
import { AcceptInvite, type InvitePreview } from '@/components/accept-invite';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Accept invitation' };

/** Why an invite link cannot be used, in the words the API chose (used, revoked, expired), or null. */
function unusableReason(err: unknown): string | null {
  if (!(err instanceof TRPCError)) return null;
  if (err.code === 'NOT_FOUND') return 'This invitation link is not valid. Ask for a new one.';
  if (err.code === 'BAD_REQUEST') {
    return err.message.startsWith('This invitation')
      ? `${err.message}. Ask for a new one.`
      : 'This invitation link is not valid. Ask for a new one.';
  }
  return null;
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let preview: InvitePreview;
  try {
    // Looking only: accepting stays a deliberate click (link previewers fetch URLs too).
    preview = await (await serverCaller()).invitations.preview({ token });
  } catch (err) {
    const reason = unusableReason(err);
    if (!reason) throw err;
    return (
      <div className="py-6">
        <Card className="mx-auto w-full max-w-lg" role="alert">
          <CardHeader>
            <span className="mb-2 flex size-10 items-center justify-center rounded-full bg-muted">
              <MailXIcon className="size-5 text-muted-foreground" aria-hidden />
            </span>
            <CardTitle>This invitation cannot be used</CardTitle>
            <CardDescription>{reason}</CardDescription>
          </CardHeader>
        </Card>
      </div>
    );
  }
  return (
    <div className="py-6">
      <AcceptInvite token={token} preview={preview} />
    </div>
  );
}
