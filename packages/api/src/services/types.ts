import type { AiService } from '@consailt/ai';
import type { Database, Executor, Role } from '@consailt/db';
import type { Scope } from '../auth/permissions';
import type { Logger } from '../logger';
import type { QueueBackend } from '../queue/contract';
import type { ClerkMirror } from './clerk/mirror';

/** Who is acting: a signed-in user or an API key. Services record it and check visibility with it. */
export type Actor =
  | { kind: 'user'; userId: string; role: Role; scopes: readonly Scope[] }
  | { kind: 'apiKey'; apiKeyId: string; createdBy: string | null; scopes: readonly Scope[] }
  | { kind: 'system' };

/** Backing services a service function may use; passed explicitly so the worker and tests can call it. */
export type Deps = {
  db: Database;
  queue: QueueBackend;
  logger: Logger;
  ai: AiService;
  clerk: ClerkMirror | null;
};

/** The organization and actor every org-scoped service call is made for. */
export type OrgScope = {
  orgId: string;
  actor: Actor;
  /** Where the request came from, for the audit log. */
  request?: { ip: string | null; userAgent: string | null };
};

export type { Executor };

export function actorUserId(actor: Actor): string | null {
  switch (actor.kind) {
    case 'user':
      return actor.userId;
    case 'apiKey':
      // Keys act for the organization, not for their creator: they never see private entries.
      return null;
    case 'system':
      return null;
  }
}
