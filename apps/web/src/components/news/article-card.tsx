'use client';

import { Badge, Button, Card, CardContent, cn, toast } from '@consailt/ui';
import { BookmarkPlusIcon, CheckIcon, ExternalLinkIcon, LoaderCircleIcon, MailIcon } from 'lucide-react';
import Link from 'next/link';
import { formatDate } from '@/lib/format';
import { api, type RouterOutputs } from '@/trpc/react';
import { useSession } from '../session-provider';

export type Article = RouterOutputs['news']['list']['items'][number];
type Relevance = Article['relevance'][number];

const percent = (n: number) => `${Math.round(n * 100)}%`;

/** Why an article scored what it did for one engagement: the parts of the score, in words. */
function RelevanceExplanation({ r }: { r: Relevance }) {
  const e = r.explanation;
  return (
    <details className="group rounded-md border px-3 py-2 text-xs" data-testid="relevance">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-2">
        <span className="font-medium">{r.engagementName}</span>
        <Badge variant={r.score >= 0.5 ? 'default' : 'secondary'} className="tabular-nums">
          {percent(r.score)} relevant
        </Badge>
      </summary>
      <ul className="mt-2 grid gap-1 text-muted-foreground">
        <li>Semantic similarity to the engagement: {percent(e.similarity)} (half of the score)</li>
        <li>
          {e.clientNameMatch ? 'Mentions the client by name (+25%)' : 'Does not mention the client by name'}
        </li>
        <li>
          {e.keywordMatches.length > 0
            ? `Engagement keywords found: ${e.keywordMatches.join(', ')}`
            : 'No engagement keywords found'}
        </li>
        {e.feedEngagement ? <li>From a feed attached to this engagement (+10%)</li> : null}
      </ul>
    </details>
  );
}

export function ArticleCard({ article, onChanged }: { article: Article; onChanged: () => void }) {
  const { can } = useSession();
  const markRead = api.news.markRead.useMutation({
    onSuccess: onChanged,
    onError: (error) => toast.error(error.message),
  });
  const save = api.news.saveToKnowledge.useMutation({
    onSuccess: (result) => {
      toast.success(result.created ? 'Saved to knowledge; it is being indexed' : 'Already in knowledge');
      onChanged();
    },
    onError: (error) => toast.error(error.message),
  });
  const unread = article.readAt === null;
  const relevance = [...article.relevance].sort((a, b) => b.score - a.score);

  return (
    <Card
      className={cn('gap-3 py-4', unread && 'border-l-4 border-l-primary')}
      data-testid="article"
      data-read={unread ? 'false' : 'true'}
    >
      <CardContent className="grid gap-3 px-4 sm:px-6">
        <div className="flex flex-col gap-1">
          <h2 className={cn('text-base leading-snug', unread ? 'font-semibold' : 'font-medium')}>
            {article.link ? (
              <a
                href={article.link}
                target="_blank"
                rel="noopener noreferrer nofollow"
                className="hover:underline"
              >
                {article.title}
                <ExternalLinkIcon className="ml-1 inline size-3.5 text-muted-foreground" aria-hidden />
              </a>
            ) : (
              article.title
            )}
          </h2>
          <p className="text-muted-foreground text-xs">
            <span data-testid="article-source">{article.feedTitle}</span>
            {' · '}
            <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>
            {article.author ? ` · ${article.author}` : null}
            {unread ? ' · Unread' : null}
          </p>
        </div>

        {article.summary ? (
          <p className="text-sm" data-testid="article-summary">
            {article.summary}
          </p>
        ) : (
          <p className="text-muted-foreground text-sm">
            {article.excerpt}
            {article.enriched ? null : <span className="ml-1 italic">(summary on its way)</span>}
          </p>
        )}

        {relevance.length > 0 ? (
          <div className="grid gap-2 sm:grid-cols-2">
            {relevance.map((r) => (
              <RelevanceExplanation key={r.engagementId} r={r} />
            ))}
          </div>
        ) : null}

        {article.suggestedTags.length > 0 ? (
          <div className="flex flex-wrap items-center gap-1">
            <span className="text-muted-foreground text-xs">Suggested tags:</span>
            {article.suggestedTags.map((tag) => (
              <Badge key={tag} variant="outline" className="font-normal">
                #{tag}
              </Badge>
            ))}
          </div>
        ) : null}

        <div className="flex flex-wrap items-center gap-2">
          <Button
            variant="outline"
            size="sm"
            disabled={markRead.isPending}
            onClick={() => markRead.mutate({ ids: [article.id], read: unread })}
          >
            {unread ? <CheckIcon aria-hidden /> : <MailIcon aria-hidden />}
            {unread ? 'Mark read' : 'Mark unread'}
          </Button>
          {article.savedEntryId ? (
            <Button variant="secondary" size="sm" asChild>
              <Link href={`/knowledge/${article.savedEntryId}`} data-testid="saved-entry-link">
                <BookmarkPlusIcon aria-hidden />
                Open in knowledge
              </Link>
            </Button>
          ) : can('knowledge:write') ? (
            <Button size="sm" disabled={save.isPending} onClick={() => save.mutate({ id: article.id })}>
              {save.isPending ? (
                <LoaderCircleIcon className="animate-spin" aria-hidden />
              ) : (
                <BookmarkPlusIcon aria-hidden />
              )}
              Save to knowledge
            </Button>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
