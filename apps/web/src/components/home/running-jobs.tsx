'use client';

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import { api } from '@/trpc/react';
import { JobProgress } from '../jobs/job-progress';

const POLL_MS = 3000;
const SHOWN = 5;

/** Background jobs in progress, polled while the page is open; quiet when nothing runs. */
export function RunningJobs() {
  const progress = api.jobs.progress.useQuery({ limit: SHOWN }, { refetchInterval: POLL_MS });
  const jobs = progress.data ?? [];
  return (
    <Card className="gap-3" data-testid="home-jobs">
      <CardHeader>
        <CardTitle>Jobs in progress</CardTitle>
        <CardDescription>Imports, indexing and feed polls running now.</CardDescription>
      </CardHeader>
      <CardContent>
        {progress.isPending ? (
          <p className="text-muted-foreground text-sm">Checking…</p>
        ) : jobs.length === 0 ? (
          <p className="text-muted-foreground text-sm">
            Nothing running. When you save an entry or a feed is polled, its indexing progress shows here.
          </p>
        ) : (
          <ul className="grid gap-3">
            {jobs.map((job) => (
              <li key={`${job.queue}:${job.id}`}>
                <JobProgress job={job} />
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
