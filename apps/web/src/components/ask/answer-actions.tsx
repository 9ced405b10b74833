'use client';

import { Button, CopyButton, toast } from '@consailt/ui';
import { MessageSquareTextIcon, RefreshCwIcon, ThumbsDownIcon, ThumbsUpIcon } from 'lucide-react';
import { useState } from 'react';
import { lazyWhenOpen } from '@/hooks/lazy-after-hydration';
import { api } from '@/trpc/react';

export type Rating = 'up' | 'down';

// The comment dialog (and Radix's dialog) is downloaded the first time it opens.
const CommentDialog = lazyWhenOpen(() => import('./comment-dialog'));

/** Thumbs up/down (click again to clear), a comment, copy, and regenerate for the latest answer. */
export function AnswerActions({
  messageId,
  conversationId,
  content,
  feedback,
  feedbackComment,
  onRegenerate,
}: {
  messageId: string;
  conversationId: string;
  content: string;
  feedback: Rating | null;
  feedbackComment: string | null;
  /** Present only on the conversation's latest answer: only that one can be regenerated. */
  onRegenerate?: () => void;
}) {
  const utils = api.useUtils();
  const [commentOpen, setCommentOpen] = useState(false);
  const rate = api.ask.feedback.useMutation({
    onSuccess: () => utils.ask.conversation.invalidate({ id: conversationId }),
    onError: (error) => toast.error('Feedback not saved', { description: error.message }),
  });
  // Optimistic: the buttons reflect the click at once; a failure is reported and the refetch restores it.
  const current = rate.isPending ? (rate.variables?.rating ?? null) : feedback;

  const setRating = (rating: Rating) => {
    const next = current === rating ? null : rating;
    rate.mutate(
      { messageId, rating: next, comment: next ? feedbackComment : null },
      { onSuccess: () => (next === 'down' && !feedbackComment ? setCommentOpen(true) : undefined) },
    );
  };

  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        className="size-7"
        aria-label="Helpful"
        aria-pressed={current === 'up'}
        onClick={() => setRating('up')}
      >
        <ThumbsUpIcon aria-hidden className={current === 'up' ? 'fill-current text-primary' : undefined} />
      </Button>
      <Button
        variant="ghost"
        size="icon"
        className="size-7"
        aria-label="Not helpful"
        aria-pressed={current === 'down'}
        onClick={() => setRating('down')}
      >
        <ThumbsDownIcon
          aria-hidden
          className={current === 'down' ? 'fill-current text-destructive' : undefined}
        />
      </Button>
      {current ? (
        <Button
          variant="ghost"
          size="sm"
          className="h-7"
          onClick={() => setCommentOpen(true)}
          aria-label={feedbackComment ? 'Edit feedback comment' : 'Add feedback comment'}
        >
          <MessageSquareTextIcon aria-hidden />
          {feedbackComment ? 'Edit comment' : 'Comment'}
        </Button>
      ) : null}
      <CopyButton value={content} label="Copy" variant="ghost" size="sm" className="h-7" />
      {onRegenerate ? (
        <Button variant="ghost" size="sm" className="h-7" onClick={onRegenerate}>
          <RefreshCwIcon aria-hidden />
          Regenerate
        </Button>
      ) : null}
      {current && commentOpen ? (
        <CommentDialog
          open={commentOpen}
          onOpenChange={setCommentOpen}
          rating={current}
          initial={feedbackComment ?? ''}
          saving={rate.isPending}
          error={rate.error}
          onSave={(comment) =>
            rate.mutate(
              { messageId, rating: current, comment: comment.trim() || null },
              { onSuccess: () => setCommentOpen(false) },
            )
          }
        />
      ) : null}
    </>
  );
}
