import { ROLE_SCOPES, SCOPES } from '@consailt/api/permissions';
import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  cn,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@consailt/ui';
import { CheckIcon, MinusIcon } from 'lucide-react';
import type { Metadata } from 'next';
import type { Role } from '@/components/role-badge';
import { humanize } from '@/lib/format';
import { SCOPE_DESCRIPTIONS } from '@/lib/permissions';
import { requireSession } from '@/lib/session';

export const metadata: Metadata = { title: 'Roles' };

const ROLES: Role[] = ['owner', 'admin', 'member', 'viewer'];

/** Read-only: the same table the server enforces, so it cannot drift from what actually happens. */
export default async function RolesPage() {
  const session = await requireSession();
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>Roles and permissions</CardTitle>
        <CardDescription>
          What each role can do
          {session.role ? `; yours, ${humanize(session.role).toLowerCase()}, is highlighted` : ''}. API keys
          carry a subset of their creator’s permissions.
        </CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        <Table data-testid="roles-table">
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">Permission</TableHead>
              {ROLES.map((role) => (
                <TableHead
                  key={role}
                  scope="col"
                  className={cn('text-center', role === session.role && 'bg-muted')}
                >
                  {humanize(role)}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {SCOPES.map((scope) => (
              <TableRow key={scope}>
                <TableCell className="pl-6">
                  <div className="flex flex-col">
                    <code className="font-mono text-xs">{scope}</code>
                    <span className="whitespace-normal text-muted-foreground text-xs">
                      {SCOPE_DESCRIPTIONS[scope]}
                    </span>
                  </div>
                </TableCell>
                {ROLES.map((role) => {
                  const has = ROLE_SCOPES[role].includes(scope);
                  return (
                    <TableCell key={role} className={cn('text-center', role === session.role && 'bg-muted')}>
                      {has ? (
                        <CheckIcon className="mx-auto size-4" aria-label="Yes" />
                      ) : (
                        <MinusIcon className="mx-auto size-4 text-muted-foreground/50" aria-label="No" />
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
