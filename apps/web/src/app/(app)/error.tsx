'use client';

import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import { RotateCwIcon, TriangleAlertIcon } from 'lucide-react';
import { useEffect } from 'react';
import { reportClientError } from '@/lib/report-error';

export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    reportClientError(error);
  }, [error]);

  // Server errors arrive with a generic message in production; the digest matches the server logs.
  const digest =
    typeof error === 'object' && error !== null && 'digest' in error ? String(error.digest) : undefined;

  return (
    <Card className="mx-auto max-w-lg" role="alert">
      <CardHeader>
        <span className="mb-2 flex size-10 items-center justify-center rounded-full bg-destructive/10">
          <TriangleAlertIcon className="size-5 text-destructive" aria-hidden />
        </span>
        <CardTitle>Something went wrong</CardTitle>
        <CardDescription>
          This page could not be loaded. It may be a temporary problem — try again in a moment.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col items-start gap-3">
        <Button onClick={() => retry()}>
          <RotateCwIcon aria-hidden />
          Retry
        </Button>
        {digest ? <p className="font-mono text-muted-foreground text-xs">Reference: {digest}</p> : null}
      </CardContent>
    </Card>
  );
}
