import { ZodError } from 'zod';
import { ValidationError } from '../errors';
import { getRuntime } from '../runtime';
import { applyClerkEvent, verifyClerkWebhook } from '../services/clerk';

/**
 * POST /api/webhooks/clerk. Verifies the svix signature over the raw body, then applies the event.
 * 400 for a bad or replayed signature (nothing changes), 404 when Clerk webhooks are not configured.
 */
export async function handleClerkWebhookRequest(req: Request): Promise<Response> {
  const runtime = await getRuntime();
  const secret = runtime.env.CLERK_WEBHOOK_SECRET;
  if (!secret) return Response.json({ error: 'Clerk webhooks are not configured' }, { status: 404 });
  const body = await req.text();
  try {
    const event = verifyClerkWebhook(
      body,
      {
        'svix-id': req.headers.get('svix-id'),
        'svix-timestamp': req.headers.get('svix-timestamp'),
        'svix-signature': req.headers.get('svix-signature'),
      },
      secret,
    );
    const result = await applyClerkEvent(runtime.database.db, event);
    return Response.json({ ok: true, type: event.type, handled: result.handled });
  } catch (error) {
    if (error instanceof ValidationError) return Response.json({ error: error.message }, { status: 400 });
    if (error instanceof ZodError) {
      return Response.json(
        { error: `Unexpected event payload: ${error.issues[0]?.path.join('.')}` },
        { status: 400 },
      );
    }
    runtime.logger.error({ err: error }, 'clerk webhook failed');
    return Response.json({ error: 'Webhook processing failed' }, { status: 500 });
  }
}
