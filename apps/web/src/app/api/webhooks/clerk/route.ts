import { handleClerkWebhookRequest } from '@consailt/api';

export const dynamic = 'force-dynamic';

/** Clerk → Consailt sync (users, organizations, memberships); svix-verified in the api package. */
export function POST(req: Request) {
  return handleClerkWebhookRequest(req);
}
