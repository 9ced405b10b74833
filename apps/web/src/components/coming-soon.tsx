import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import type { LucideIcon } from 'lucide-react';
import { PageHeader } from './page-header';

export function ComingSoon({
  title,
  icon: Icon,
  summary,
  features,
}: {
  title: string;
  icon: LucideIcon;
  summary: string;
  features: string[];
}) {
  return (
    <>
      <PageHeader title={title} />
      <Card className="items-center border-dashed text-center">
        <CardHeader className="w-full max-w-lg justify-items-center">
          <span className="mb-2 flex size-12 items-center justify-center rounded-full bg-muted">
            <Icon className="size-6 text-muted-foreground" aria-hidden />
          </span>
          <CardTitle className="text-lg">Coming soon</CardTitle>
          <CardDescription>{summary}</CardDescription>
        </CardHeader>
        <CardContent className="w-full max-w-lg">
          <ul className="flex flex-col gap-2 text-left text-muted-foreground text-sm">
            {features.map((feature) => (
              <li key={feature} className="flex gap-2">
                <span aria-hidden className="mt-2 size-1.5 shrink-0 rounded-full bg-muted-foreground/60" />
                {feature}
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
    </>
  );
}
