import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <Card className="w-full max-w-md text-center">
        <CardHeader>
          <p className="font-semibold text-4xl text-muted-foreground">404</p>
          <CardTitle className="text-xl">Page not found</CardTitle>
          <CardDescription>The page you are looking for does not exist or has moved.</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild>
            <Link href="/">Back to home</Link>
          </Button>
        </CardContent>
      </Card>
    </main>
  );
}
