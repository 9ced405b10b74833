import type { Metadata } from 'next';
import { FeedsManager } from '@/components/news/feeds-manager';
import { PageHeader } from '@/components/page-header';

export const metadata: Metadata = { title: 'News feeds' };

export default function NewsFeedsPage() {
  return (
    <>
      <PageHeader
        title="News feeds"
        description="The feeds your organization follows and how each is doing. Everyone can see them; changing them needs feeds:manage."
      />
      <FeedsManager />
    </>
  );
}
