import type { Metadata } from 'next';
import { JobsPanel } from '@/components/jobs/jobs-panel';

export const metadata: Metadata = { title: 'Jobs' };

// Every member sees their organization's jobs; retrying a failed one needs knowledge:manage.
export default function JobsPage() {
  return <JobsPanel />;
}
