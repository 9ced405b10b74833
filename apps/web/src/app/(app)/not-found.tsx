import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import { FileQuestionIcon } from 'lucide-react';
import Link from 'next/link';
import { OpenPaletteButton } from '@/components/command-palette/open-palette-button';

/**
 * Inside the app shell: an entry, engagement or insight that does not exist, was deleted, or is not
 * the reader's to see (all the same "not found", so ids reveal nothing).
 */
export default function AppNotFound() {
  return (
    <Card className="mx-auto max-w-lg" data-testid="not-found">
      <CardHeader>
        <span className="mb-2 flex size-10 items-center justify-center rounded-full bg-muted">
          <FileQuestionIcon className="size-5 text-muted-foreground" aria-hidden />
        </span>
        <CardTitle>Not found</CardTitle>
        <CardDescription>
          It may have been deleted or moved to the trash, or it belongs to another organization or to someone
          else’s private notes.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2">
        <OpenPaletteButton variant="outline">Search for it</OpenPaletteButton>
        <Button asChild variant="ghost">
          <Link href="/">Back to home</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
