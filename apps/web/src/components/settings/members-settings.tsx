'use client';

import {
  Alert,
  AlertDescription,
  AlertTitle,
  Avatar,
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
  CopyButton,
  Input,
  Label,
  NativeSelect,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  toast,
} from '@consailt/ui';
import { useQueryClient } from '@tanstack/react-query';
import { LinkIcon, LoaderCircleIcon, LogOutIcon, MailPlusIcon, UserMinusIcon, XIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { formatDate, formatDateTime, humanize } from '@/lib/format';
import { clearActiveOrganization } from '@/lib/org-actions';
import { assignableRoles } from '@/lib/permissions';
import { api, type RouterOutputs } from '@/trpc/react';
import { ConfirmButton } from '../confirm-button';
import { FormError } from '../form-error';
import { type Role, RoleBadge } from '../role-badge';
import { useSession } from '../session-provider';

type Member = RouterOutputs['members']['list'][number];
type Invitation = RouterOutputs['invitations']['list'][number];

function InviteCard() {
  const router = useRouter();
  const { role } = useSession();
  const roles = assignableRoles(role);
  const [email, setEmail] = useState('');
  const [inviteRole, setInviteRole] = useState<Role>('member');
  const [link, setLink] = useState<{ url: string; email: string } | null>(null);
  const invite = api.invitations.create.useMutation({
    onSuccess: ({ token, invitation }) => {
      setLink({
        url: `${window.location.origin}/invite/${encodeURIComponent(token)}`,
        email: invitation.email,
      });
      setEmail('');
      router.refresh();
    },
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite a colleague</CardTitle>
        <CardDescription>
          They get a single-use link, valid for 7 days, that only works for the email you enter.
        </CardDescription>
      </CardHeader>
      <form
        className="contents"
        onSubmit={(event) => {
          event.preventDefault();
          setLink(null);
          invite.mutate({ email, role: inviteRole });
        }}
      >
        <CardContent className="flex flex-col gap-4">
          <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
            <div className="grid gap-2">
              <Label htmlFor="invite-email">Email</Label>
              <Input
                id="invite-email"
                type="email"
                autoComplete="off"
                placeholder="name@company.com"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                required
                aria-invalid={invite.error ? true : undefined}
                aria-describedby={invite.error ? 'invite-error' : undefined}
              />
            </div>
            <div className="grid gap-2">
              <Label htmlFor="invite-role">Role</Label>
              <NativeSelect
                id="invite-role"
                value={inviteRole}
                onChange={(event) => setInviteRole(event.target.value as Role)}
              >
                {roles.map((option) => (
                  <option key={option} value={option}>
                    {humanize(option)}
                  </option>
                ))}
              </NativeSelect>
            </div>
          </div>
          <FormError error={invite.error} id="invite-error" />
          {link ? (
            <Alert variant="success" data-testid="invite-link">
              <LinkIcon aria-hidden />
              <AlertTitle>Invitation created for {link.email}</AlertTitle>
              <AlertDescription>
                <p>Copy this link and send it to them now. It is shown only once.</p>
                <div className="mt-1 flex w-full flex-col gap-2 sm:flex-row">
                  <Input
                    readOnly
                    value={link.url}
                    aria-label="Invite link"
                    className="bg-background font-mono text-xs"
                    onFocus={(event) => event.currentTarget.select()}
                  />
                  <CopyButton value={link.url} label="Copy link" />
                </div>
              </AlertDescription>
            </Alert>
          ) : null}
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" disabled={invite.isPending}>
            {invite.isPending ? (
              <LoaderCircleIcon className="animate-spin" aria-hidden />
            ) : (
              <MailPlusIcon aria-hidden />
            )}
            Send invite
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function RoleCell({ member }: { member: Member }) {
  const router = useRouter();
  const { role } = useSession();
  const [value, setValue] = useState<Role>(member.role);
  useEffect(() => setValue(member.role), [member.role]);
  const change = api.members.changeRole.useMutation({
    onSuccess: (result) => {
      toast.success(`${member.name} is now ${humanize(result.role).toLowerCase()}`);
      router.refresh();
    },
    onError: (error) => {
      setValue(member.role);
      toast.error(error.message);
    },
  });
  const options = assignableRoles(role);
  // Only owners change an owner's role; for everyone else the current role is shown, not offered.
  if (member.role === 'owner' && role !== 'owner') return <RoleBadge role={member.role} />;

  return (
    <div className="flex items-center gap-2">
      <NativeSelect
        aria-label={`Role of ${member.name}`}
        value={value}
        disabled={change.isPending}
        wrapperClassName="w-28"
        className="h-8"
        onChange={(event) => {
          const next = event.target.value as Role;
          setValue(next);
          change.mutate({ userId: member.userId, role: next });
        }}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {humanize(option)}
          </option>
        ))}
      </NativeSelect>
      {change.isPending ? <LoaderCircleIcon className="size-4 animate-spin" aria-label="Saving" /> : null}
    </div>
  );
}

function MembersCard({ members, canManage }: { members: Member[]; canManage: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { user, org, role } = useSession();
  const remove = api.members.remove.useMutation({
    onSuccess: () => {
      toast.success('Member removed');
      router.refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  const leave = api.members.leave.useMutation({
    onSuccess: async () => {
      toast.success(`You left ${org?.name ?? 'the organization'}`);
      await clearActiveOrganization();
      queryClient.removeQueries();
      router.push('/settings/organization');
      router.refresh();
    },
    onError: (error) => toast.error(error.message),
  });

  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>Members</CardTitle>
        <CardDescription>
          {members.length} {members.length === 1 ? 'person has' : 'people have'} access to {org?.name}.
          {canManage ? ' Only owners can grant or remove the owner role; one owner always remains.' : ''}
        </CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        <Table data-testid="members-table">
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">Member</TableHead>
              <TableHead>Role</TableHead>
              <TableHead className="hidden sm:table-cell">Joined</TableHead>
              <TableHead className="pr-6 text-right">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((member) => {
              const isSelf = member.userId === user.id;
              const canTouch = canManage && !isSelf && (member.role !== 'owner' || role === 'owner');
              return (
                <TableRow key={member.userId} data-testid="member-row">
                  <TableCell className="whitespace-normal pl-6">
                    <div className="flex items-center gap-3">
                      <Avatar name={member.name} className="hidden sm:flex" />
                      <div className="flex min-w-0 flex-col">
                        <span className="font-medium">
                          {member.name}
                          {isSelf ? <span className="text-muted-foreground"> (you)</span> : null}
                        </span>
                        <span className="break-all text-muted-foreground text-xs">{member.email}</span>
                      </div>
                    </div>
                  </TableCell>
                  <TableCell>
                    {canTouch ? <RoleCell member={member} /> : <RoleBadge role={member.role} />}
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground tabular-nums sm:table-cell">
                    {formatDate(member.joinedAt)}
                  </TableCell>
                  <TableCell className="pr-6 text-right">
                    {isSelf ? (
                      <ConfirmButton
                        variant="ghost"
                        size="sm"
                        disabled={leave.isPending}
                        aria-label="Leave organization"
                        title={`Leave ${org?.name ?? 'this organization'}?`}
                        description={
                          <p>
                            You lose access to its knowledge, engagements and settings right away. To come
                            back, someone will have to invite you again. The last owner cannot leave.
                          </p>
                        }
                        confirmLabel="Leave organization"
                        onConfirm={() => leave.mutate()}
                      >
                        <LogOutIcon aria-hidden />
                        <span className="hidden sm:inline">Leave</span>
                      </ConfirmButton>
                    ) : canTouch ? (
                      <ConfirmButton
                        variant="ghost"
                        size="sm"
                        className="text-destructive hover:text-destructive"
                        disabled={remove.isPending}
                        aria-label={`Remove ${member.name}`}
                        title={`Remove ${member.name}?`}
                        description={
                          <p>
                            {member.name} loses access to {org?.name} immediately. Knowledge they wrote for
                            the organization stays.
                          </p>
                        }
                        confirmLabel="Remove member"
                        onConfirm={() => remove.mutate({ userId: member.userId })}
                      >
                        <UserMinusIcon aria-hidden />
                        <span className="hidden sm:inline">Remove</span>
                      </ConfirmButton>
                    ) : null}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

function statusVariant(status: Invitation['status']): 'default' | 'secondary' | 'outline' | 'destructive' {
  switch (status) {
    case 'pending':
      return 'default';
    case 'accepted':
      return 'secondary';
    case 'revoked':
    case 'expired':
      return 'outline';
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

function InvitationsCard({ invitations }: { invitations: Invitation[] }) {
  const router = useRouter();
  const revoke = api.invitations.revoke.useMutation({
    onSuccess: (invitation) => {
      toast.success(`Invitation for ${invitation.email} revoked`);
      router.refresh();
    },
    onError: (error) => toast.error(error.message),
  });

  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>Invitations</CardTitle>
        <CardDescription>Pending invitations can be revoked until they are accepted.</CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        {invitations.length === 0 ? (
          <p className="px-6 pb-2 text-muted-foreground text-sm">
            No invitations yet. Invite a colleague above; their invitation will be listed here.
          </p>
        ) : (
          <Table data-testid="invitations-table">
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">Email</TableHead>
                <TableHead className="hidden sm:table-cell">Role</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="hidden sm:table-cell">Expires</TableHead>
                <TableHead className="pr-6 text-right">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {invitations.map((invitation) => (
                <TableRow key={invitation.id}>
                  <TableCell className="whitespace-normal pl-6">
                    <span className="break-all font-medium">{invitation.email}</span>
                    <span className="block text-muted-foreground text-xs sm:hidden">
                      {humanize(invitation.role)}
                    </span>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">
                    <RoleBadge role={invitation.role} />
                  </TableCell>
                  <TableCell>
                    <Badge variant={statusVariant(invitation.status)}>{humanize(invitation.status)}</Badge>
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground tabular-nums sm:table-cell">
                    {formatDateTime(invitation.expiresAt)}
                  </TableCell>
                  <TableCell className="pr-6 text-right">
                    {invitation.status === 'pending' ? (
                      <ConfirmButton
                        variant="ghost"
                        size="sm"
                        disabled={revoke.isPending}
                        aria-label={`Revoke invitation for ${invitation.email}`}
                        title={`Revoke the invitation for ${invitation.email}?`}
                        description={<p>The invite link stops working. You can invite them again later.</p>}
                        confirmLabel="Revoke invitation"
                        onConfirm={() => revoke.mutate({ id: invitation.id })}
                      >
                        <XIcon aria-hidden />
                        <span className="hidden sm:inline">Revoke</span>
                      </ConfirmButton>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

export function MembersSettings({
  members,
  invitations,
  canManage,
}: {
  members: Member[];
  invitations: Invitation[] | null;
  canManage: boolean;
}) {
  return (
    <>
      {canManage ? <InviteCard /> : null}
      <MembersCard members={members} canManage={canManage} />
      {canManage && invitations ? <InvitationsCard invitations={invitations} /> : null}
    </>
  );
}
