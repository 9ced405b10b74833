import { QueryClient } from '@tanstack/react-query';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Above zero so data rendered on the server is not refetched immediately on hydration.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          // 4xx-class tRPC errors (unauthorized, forbidden, not found, bad input) will not fix themselves.
          const code = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
          if (code !== undefined && code >= 400 && code < 500) return false;
          return failureCount < 2;
        },
      },
    },
  });
}
