'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
  Input,
  Label,
  toast,
} from '@consailt/ui';
import { CheckIcon, LoaderCircleIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { api } from '@/trpc/react';
import { FormError } from '../form-error';
import { type Role, RoleBadge } from '../role-badge';
import { useSession } from '../session-provider';
import { useSwitchOrg } from '../use-switch-org';

type Org = { id: string; name: string; slug: string; role: Role };

function RenameCard({ org }: { org: { id: string; name: string; slug: string } }) {
  const router = useRouter();
  const { can } = useSession();
  const [name, setName] = useState(org.name);
  const rename = api.orgs.rename.useMutation({
    onSuccess: (renamed) => {
      toast.success(`Renamed to ${renamed.name}`);
      router.refresh();
    },
  });
  const canRename = can('org:manage');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ name });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Organization</CardTitle>
        <CardDescription>
          {canRename
            ? 'The name everyone in the organization sees.'
            : 'Only owners can rename the organization.'}
        </CardDescription>
      </CardHeader>
      <form onSubmit={onSubmit} className="contents">
        <CardContent className="flex flex-col gap-4">
          <div className="grid gap-2">
            <Label htmlFor="org-name">Name</Label>
            <Input
              id="org-name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              readOnly={!canRename}
              minLength={2}
              maxLength={100}
              required
              aria-invalid={rename.error ? true : undefined}
              aria-describedby={rename.error ? 'org-name-error' : undefined}
            />
          </div>
          <p className="text-muted-foreground text-sm">
            Slug <code className="font-mono text-foreground">{org.slug}</code> · ID{' '}
            <code className="break-all font-mono text-foreground">{org.id}</code>
          </p>
          <FormError error={rename.error} id="org-name-error" />
        </CardContent>
        {canRename ? (
          <CardFooter className="justify-end">
            <Button type="submit" disabled={rename.isPending || name.trim() === org.name}>
              {rename.isPending ? <LoaderCircleIcon className="animate-spin" aria-hidden /> : null}
              Save name
            </Button>
          </CardFooter>
        ) : null}
      </form>
    </Card>
  );
}

function MyOrganizationsCard({ orgs, activeOrgId }: { orgs: Org[]; activeOrgId: string | null }) {
  const { switchTo, pending } = useSwitchOrg();
  const [switching, setSwitching] = useState<string | null>(null);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Your organizations</CardTitle>
        <CardDescription>
          Everything you see — knowledge, members, keys, spend — belongs to the active organization.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {orgs.length === 0 ? (
          <p className="text-muted-foreground text-sm">
            You are not a member of any organization yet. Create one below, or open an invite link from a
            colleague.
          </p>
        ) : (
          <ul className="divide-y rounded-md border" data-testid="my-orgs">
            {orgs.map((org) => {
              const active = org.id === activeOrgId;
              return (
                <li key={org.id} className="flex flex-wrap items-center gap-3 px-3 py-2.5">
                  <div className="flex min-w-0 flex-1 flex-col">
                    <span className="truncate font-medium text-sm">{org.name}</span>
                    <span className="truncate text-muted-foreground text-xs">{org.slug}</span>
                  </div>
                  <RoleBadge role={org.role} />
                  {active ? (
                    <Badge variant="secondary">
                      <CheckIcon aria-hidden />
                      Active
                    </Badge>
                  ) : (
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={pending}
                      aria-label={`Switch to ${org.name}`}
                      onClick={async () => {
                        setSwitching(org.id);
                        await switchTo(org);
                        setSwitching(null);
                      }}
                    >
                      {switching === org.id ? (
                        <LoaderCircleIcon className="animate-spin" aria-hidden />
                      ) : null}
                      Switch
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function CreateOrganizationCard() {
  const [name, setName] = useState('');
  const { switchTo } = useSwitchOrg();
  const create = api.orgs.create.useMutation({
    onSuccess: async (org) => {
      setName('');
      toast.success(`Created ${org.name}. You are its owner.`);
      await switchTo(org, { navigateTo: '/settings/organization' });
    },
  });

  return (
    <Card id="create-organization" className="scroll-mt-20">
      <CardHeader>
        <CardTitle>Create an organization</CardTitle>
        <CardDescription>
          A separate workspace with its own knowledge, members and budget. You become its owner and it becomes
          your active organization.
        </CardDescription>
      </CardHeader>
      <form
        className="contents"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ name });
        }}
      >
        <CardContent className="flex flex-col gap-4">
          <div className="grid gap-2">
            <Label htmlFor="new-org-name">Name</Label>
            <Input
              id="new-org-name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder="e.g. Acme Advisory"
              minLength={2}
              maxLength={100}
              required
              aria-invalid={create.error ? true : undefined}
              aria-describedby={create.error ? 'new-org-error' : undefined}
            />
          </div>
          <FormError error={create.error} id="new-org-error" />
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" disabled={create.isPending || name.trim().length < 2}>
            {create.isPending ? <LoaderCircleIcon className="animate-spin" aria-hidden /> : null}
            Create organization
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

export function OrganizationSettings({ orgs }: { orgs: Org[] }) {
  const { org } = useSession();
  return (
    <>
      {org ? <RenameCard key={`${org.id}:${org.name}`} org={org} /> : null}
      <MyOrganizationsCard orgs={orgs} activeOrgId={org?.id ?? null} />
      <CreateOrganizationCard />
    </>
  );
}
