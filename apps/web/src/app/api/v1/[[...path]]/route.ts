import { handleRestRequest } from '@consailt/api/rest';

export const dynamic = 'force-dynamic';

// REST (OpenAPI) over the same procedures as /api/trpc; API-key auth, cookies ignored.
function handler(req: Request) {
  return handleRestRequest(req);
}

export {
  handler as DELETE,
  handler as GET,
  handler as HEAD,
  handler as PATCH,
  handler as POST,
  handler as PUT,
};
