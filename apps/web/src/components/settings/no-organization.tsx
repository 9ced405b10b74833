import { Button, Card, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import Link from 'next/link';

export function NoOrganization() {
  return (
    <Card className="border-dashed">
      <CardHeader className="justify-items-start gap-3">
        <CardTitle>No active organization</CardTitle>
        <CardDescription>
          You are not a member of any organization. Create one, or open an invite link from a colleague.
        </CardDescription>
        <Button asChild size="sm">
          <Link href="/settings/organization#create-organization">Create an organization</Link>
        </Button>
      </CardHeader>
    </Card>
  );
}
