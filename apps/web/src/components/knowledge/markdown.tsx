import { cn } from '@consailt/ui';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

// Tailwind's preflight strips element styles and the typography plugin is not installed, so each
// element gets its classes here (one place, shared by the entry view and the editor's preview).
const COMPONENTS: Components = {
  h1: ({ node: _, ...props }) => <h2 className="mt-6 mb-3 font-semibold text-2xl first:mt-0" {...props} />,
  h2: ({ node: _, ...props }) => <h3 className="mt-6 mb-2 font-semibold text-xl first:mt-0" {...props} />,
  h3: ({ node: _, ...props }) => <h4 className="mt-5 mb-2 font-semibold text-lg first:mt-0" {...props} />,
  h4: ({ node: _, ...props }) => <h5 className="mt-4 mb-2 font-semibold first:mt-0" {...props} />,
  h5: ({ node: _, ...props }) => <h6 className="mt-4 mb-2 font-semibold first:mt-0" {...props} />,
  h6: ({ node: _, ...props }) => <h6 className="mt-4 mb-2 font-semibold first:mt-0" {...props} />,
  p: ({ node: _, ...props }) => <p className="my-3 leading-7 first:mt-0 last:mb-0" {...props} />,
  a: ({ node: _, ...props }) => (
    <a
      className="font-medium text-primary underline underline-offset-4"
      target="_blank"
      rel="noopener noreferrer nofollow"
      {...props}
    />
  ),
  ul: ({ node: _, ...props }) => <ul className="my-3 ml-6 list-disc [&>li]:mt-1" {...props} />,
  ol: ({ node: _, ...props }) => <ol className="my-3 ml-6 list-decimal [&>li]:mt-1" {...props} />,
  blockquote: ({ node: _, ...props }) => (
    <blockquote className="my-3 border-l-2 pl-4 text-muted-foreground italic" {...props} />
  ),
  code: ({ node: _, className, ...props }) => (
    <code className={cn('rounded bg-muted px-1 py-0.5 font-mono text-[0.9em]', className)} {...props} />
  ),
  pre: ({ node: _, ...props }) => (
    <pre
      className="my-3 overflow-x-auto rounded-md bg-muted p-3 font-mono text-sm [&>code]:bg-transparent [&>code]:p-0"
      {...props}
    />
  ),
  hr: ({ node: _, ...props }) => <hr className="my-6 border-border" {...props} />,
  table: ({ node: _, ...props }) => (
    <div className="my-3 w-full overflow-x-auto">
      <table className="w-full border-collapse text-sm" {...props} />
    </div>
  ),
  th: ({ node: _, ...props }) => <th className="border px-3 py-1.5 text-left font-semibold" {...props} />,
  td: ({ node: _, ...props }) => <td className="border px-3 py-1.5 align-top" {...props} />,
  // An unsafe source (e.g. `javascript:`) is stripped to "" by the URL filter: show the alt text instead.
  img: ({ node: _, alt, src, ...props }) =>
    src ? (
      // biome-ignore lint/performance/noImgElement: user content from arbitrary hosts; next/image needs them configured.
      <img alt={alt ?? ''} src={src} className="my-3 max-w-full rounded-md" loading="lazy" {...props} />
    ) : (
      <span className="text-muted-foreground">{alt}</span>
    ),
  input: ({ node: _, ...props }) => <input className="mr-2 align-middle" {...props} disabled />,
};

/**
 * An entry body rendered from markdown (GitHub flavour: tables, task lists, strikethrough, autolinks).
 * Raw HTML in the source is dropped (`skipHtml`), not rendered, and react-markdown's default URL
 * filter removes `javascript:` and other unsafe link targets, so a body can never run script.
 */
export function MarkdownView({ source, className }: { source: string; className?: string }) {
  return (
    <div className={cn('min-w-0 break-words text-sm', className)} data-testid="markdown">
      <Markdown remarkPlugins={[remarkGfm]} skipHtml components={COMPONENTS}>
        {source}
      </Markdown>
    </div>
  );
}
