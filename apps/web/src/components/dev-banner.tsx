import { TriangleAlertIcon } from 'lucide-react';

/** Slim strip shown on every page while the session comes from development sign-in. */
export function DevBanner() {
  return (
    <div
      role="status"
      className="flex items-center justify-center gap-2 border-amber-300 border-b bg-amber-100 px-4 py-1 text-amber-900 text-xs dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
    >
      <TriangleAlertIcon className="size-3.5 shrink-0" aria-hidden />
      <span>
        <strong className="font-semibold">Development sign-in</strong> — signed in as a seeded demo user.
        Configure Clerk for production.
      </span>
    </div>
  );
}
