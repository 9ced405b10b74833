import { Badge, Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import { ArrowRightIcon } from 'lucide-react';
import Link from 'next/link';
import { formatDate } from '@/lib/format';
import { type NewsArticle, pickRelevantNews } from './news-helpers';

export function RelevantNews({
  articles,
  canManageFeeds,
}: {
  articles: readonly NewsArticle[];
  canManageFeeds: boolean;
}) {
  const rows = pickRelevantNews(articles);
  return (
    <Card className="gap-3" data-testid="home-news">
      <CardHeader className="grid-cols-[1fr_auto] items-center">
        <CardTitle>News for your engagements</CardTitle>
        <Button variant="ghost" size="sm" asChild className="col-start-2 row-span-2 row-start-1">
          <Link href="/news">
            All news
            <ArrowRightIcon aria-hidden />
          </Link>
        </Button>
        <CardDescription>Recent articles that matter most to your clients.</CardDescription>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-muted-foreground text-sm">
            No relevant news yet.{' '}
            {canManageFeeds ? (
              <>
                <Link href="/news/feeds" className="underline underline-offset-4">
                  Add a feed
                </Link>{' '}
                for a client or industry and scored articles will show here.
              </>
            ) : (
              'Once an admin adds news feeds, articles scored for your engagements show here.'
            )}
          </p>
        ) : (
          <ul className="divide-y">
            {rows.map(({ article, best }) => (
              <li key={article.id} className="flex flex-col gap-1 py-2 first:pt-0 last:pb-0">
                {article.link ? (
                  <a
                    href={article.link}
                    target="_blank"
                    rel="noopener noreferrer nofollow"
                    className="font-medium text-sm hover:underline"
                  >
                    {article.title}
                  </a>
                ) : (
                  <span className="font-medium text-sm">{article.title}</span>
                )}
                <div className="flex flex-wrap items-center gap-2 text-muted-foreground text-xs">
                  <Badge variant="secondary" className="max-w-full truncate">
                    {best.engagementName}
                  </Badge>
                  <span className="tabular-nums">{Math.round(best.score * 100)}% match</span>
                  <span>·</span>
                  <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
