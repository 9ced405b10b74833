import { createMember, createOrg } from '@consailt/db/testing';
import { createTRPCClient, httpBatchStreamLink } from '@trpc/client';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTRPCContext } from '../../context';
import { type Runtime, setRuntimeForTests } from '../../runtime';
import type { AskEvent } from '../../services/ask';
import { callerAs, createTestRuntime, sessionCookie } from '../../testing';
import type { AppRouter } from '../app-router';
import { appRouter } from '../app-router';

describe('ask over HTTP (httpBatchStreamLink)', () => {
  let runtime: Runtime;
  let org: string;
  let user: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    setRuntimeForTests(runtime);
    org = (await createOrg(runtime.database.db)).id;
    user = (await createMember(runtime.database.db, { orgId: org })).user.id;
    await (await callerAs(runtime, user, org)).knowledge.create({
      title: 'Onboarding checklist',
      body: 'New consultants get laptop access on day one and shadow a partner in week two.',
    });
    await (runtime.queue as unknown as { drain(): Promise<void> }).drain();
  });
  afterAll(async () => {
    setRuntimeForTests(null);
    await runtime?.close();
  });

  it('streams events through the fetch adapter as the browser client reads them', async () => {
    const client = createTRPCClient<AppRouter>({
      links: [
        httpBatchStreamLink({
          url: 'http://localhost/api/trpc',
          transformer: superjson,
          headers: { cookie: sessionCookie(runtime, user, org) },
          fetch: (url, init) =>
            fetchRequestHandler({
              endpoint: '/api/trpc',
              req: new Request(url, init as RequestInit),
              router: appRouter,
              createContext: ({ req, resHeaders }) => createTRPCContext({ headers: req.headers, resHeaders }),
            }),
        }),
      ],
    });
    const stream = await client.ask.send.mutate({ question: 'When do new consultants shadow a partner?' });
    const events: AskEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events[0]?.type).toBe('start');
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(1);
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done event');
    expect(done.answer.content).toContain('week two');
    expect(done.answer.citations[0]?.title).toBe('Onboarding checklist');
  });
});
