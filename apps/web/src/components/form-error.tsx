import { Alert, AlertDescription } from '@consailt/ui';
import { CircleAlertIcon } from 'lucide-react';

/**
 * The server's own message for a failed action (`error.message` is written for people: it names the
 * missing permission, the invalid field, the limit). Renders nothing without an error.
 */
export function FormError({ error, id }: { error: { message: string } | null | undefined; id?: string }) {
  if (!error) return null;
  return (
    <Alert variant="destructive" id={id}>
      <CircleAlertIcon aria-hidden />
      <AlertDescription>{error.message}</AlertDescription>
    </Alert>
  );
}
