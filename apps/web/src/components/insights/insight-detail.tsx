'use client';

import { Badge, Button, Card, CardContent, CardHeader, CardTitle, Skeleton } from '@consailt/ui';
import { ExternalLinkIcon } from 'lucide-react';
import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import { api } from '@/trpc/react';
import { AnswerView } from '../ask/answer-view';
import { asCitationLike, kindLabel } from './insight-kinds';

/** A saved insight: its text with citations, the model and cost it took, and a link to the entry. */
export function InsightDetail({ id }: { id: string }) {
  const insight = api.insights.byId.useQuery({ id });
  if (insight.isPending)
    return (
      <Card aria-busy="true">
        <CardHeader>
          <Skeleton className="h-5 w-64" />
        </CardHeader>
        <CardContent className="flex flex-col gap-2">
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-5/6" />
        </CardContent>
      </Card>
    );
  if (insight.isError)
    return (
      <Card role="alert">
        <CardHeader>
          <CardTitle className="text-base">This insight could not be opened</CardTitle>
        </CardHeader>
        <CardContent className="text-muted-foreground text-sm">{insight.error.message}</CardContent>
      </Card>
    );
  const data = insight.data;
  return (
    <Card data-testid="insight-detail">
      <CardHeader className="gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant="secondary">{kindLabel(data.kind)}</Badge>
          <span className="text-muted-foreground text-xs">{formatDateTime(data.createdAt)}</span>
        </div>
        <CardTitle className="text-lg">{data.title}</CardTitle>
      </CardHeader>
      <CardContent>
        <AnswerView
          text={data.content}
          citations={data.citations.map(asCitationLike)}
          status="complete"
          meta={{ modelId: data.modelId, costMicroUsd: data.costMicroUsd, latencyMs: data.latencyMs }}
          actions={
            <Button asChild variant="ghost" size="sm">
              <Link href={`/knowledge/${data.id}`}>
                <ExternalLinkIcon aria-hidden />
                Open entry
              </Link>
            </Button>
          }
        />
      </CardContent>
    </Card>
  );
}
