import { Card, CardContent, CardHeader, Skeleton } from '@consailt/ui';

/** Shown inside the settings layout while a section's data loads; the sub-navigation stays usable. */
export default function SettingsLoading() {
  return (
    <div aria-busy="true" className="flex flex-col gap-6">
      <span className="sr-only" role="status">
        Loading…
      </span>
      {['a', 'b'].map((key) => (
        <Card key={key}>
          <CardHeader>
            <Skeleton className="h-5 w-40" />
            <Skeleton className="h-4 w-72 max-w-full" />
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            {['1', '2', '3'].map((row) => (
              <Skeleton key={row} className="h-9 w-full" />
            ))}
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
