'use client';

import type { AppRouter } from '@consailt/api';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { httpBatchStreamLink, httpLink, loggerLink, splitLink } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { type ReactNode, useState } from 'react';
import superjson from 'superjson';
import { localServerUrl, publicEnv } from '@/lib/public-env';
import { makeQueryClient } from './query-client';

export const api = createTRPCReact<AppRouter>();

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // On the server every request needs its own cache; in the browser one cache lives for the whole session.
  if (typeof window === 'undefined') return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

function getBaseUrl(): string {
  if (typeof window !== 'undefined') return window.location.origin;
  // Only reached if a query runs during SSR of a client component; the app server listens locally.
  return localServerUrl();
}

/** Where and how both links send their calls. */
function transportOptions() {
  return {
    transformer: superjson,
    url: `${getBaseUrl()}/api/trpc`,
    headers: () => {
      const headers = new Headers();
      headers.set('x-trpc-source', 'nextjs-react');
      return headers;
    },
  };
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() => {
    const transport = transportOptions();
    return api.createClient({
      links: [
        loggerLink({
          enabled: (op) => publicEnv.isDevelopment || (op.direction === 'down' && op.result instanceof Error),
        }),
        splitLink({
          // Results as you type: each pause sends a search, and every millisecond before its request
          // leaves shows. The batching link waits for a timer task before it sends (behind whatever
          // the page is rendering) and answers as a stream; a search goes out at once, on its own.
          condition: (op) => op.path === 'search.query',
          true: httpLink(transport),
          false: httpBatchStreamLink(transport),
        }),
      ],
    });
  });

  return (
    <QueryClientProvider client={queryClient}>
      <api.Provider client={trpcClient} queryClient={queryClient}>
        {children}
      </api.Provider>
    </QueryClientProvider>
  );
}
