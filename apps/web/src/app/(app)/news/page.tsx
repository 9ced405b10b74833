import { Button } from '@consailt/ui';
import { RssIcon } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { NewsList } from '@/components/news/news-list';
import { PageHeader } from '@/components/page-header';

export const metadata: Metadata = { title: 'News' };

export default function NewsPage() {
  return (
    <>
      <PageHeader
        title="News"
        description="Articles from your feeds, summarized and scored for relevance to each engagement."
        actions={
          <Button variant="outline" asChild>
            <Link href="/news/feeds">
              <RssIcon aria-hidden />
              Manage feeds
            </Link>
          </Button>
        }
      />
      <NewsList />
    </>
  );
}
