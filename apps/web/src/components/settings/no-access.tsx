import { Card, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import { LockIcon } from 'lucide-react';
import type { Scope } from '@/lib/permissions';

/** What a role sees on a settings section it cannot use: which permission it needs and who has it. */
export function NoAccess({ scope, what }: { scope: Scope; what: string }) {
  return (
    <Card className="border-dashed" data-testid="no-access">
      <CardHeader className="justify-items-start">
        <span className="mb-2 flex size-10 items-center justify-center rounded-full bg-muted">
          <LockIcon className="size-5 text-muted-foreground" aria-hidden />
        </span>
        <CardTitle>You can’t view {what}</CardTitle>
        <CardDescription>
          This needs the <code className="font-mono text-foreground">{scope}</code> permission. Ask an owner
          or admin of your organization if you need access; the Roles page shows which roles hold it.
        </CardDescription>
      </CardHeader>
    </Card>
  );
}
