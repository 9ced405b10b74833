'use client';

import {
  Button,
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  Label,
  Textarea,
} from '@consailt/ui';
import { type FormEvent, useId, useState } from 'react';
import { FormError } from '../form-error';
import type { Rating } from './answer-actions';

const MAX_COMMENT = 2000;

/** The comment that goes with a rating; asked for after a thumbs down, optional after a thumbs up. */
export default function CommentDialog({
  open,
  onOpenChange,
  rating,
  initial,
  onSave,
  saving,
  error,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  rating: Rating;
  initial: string;
  onSave: (comment: string) => void;
  saving: boolean;
  error: { message: string } | null;
}) {
  const id = useId();
  const [comment, setComment] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(comment);
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form onSubmit={submit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>
              {rating === 'up' ? 'What was helpful?' : 'What was wrong with this answer?'}
            </DialogTitle>
            <DialogDescription>
              Optional. Comments help your admins judge answer quality; they are stored with this answer.
            </DialogDescription>
          </DialogHeader>
          <div className="flex flex-col gap-2">
            <Label htmlFor={id}>Comment</Label>
            <Textarea
              id={id}
              value={comment}
              maxLength={MAX_COMMENT}
              rows={4}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <FormError error={error} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={saving}>
              Save comment
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
