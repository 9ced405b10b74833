'use client';

import { useEffect } from 'react';
import { reportClientError } from '@/lib/report-error';

/**
 * Last-resort boundary for errors in the root layout. It replaces the whole document, so it cannot rely
 * on globals.css or the theme: inline styles only.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    reportClientError(error);
  }, [error]);

  return (
    <html lang="en">
      <body
        style={{
          fontFamily: 'system-ui, sans-serif',
          display: 'grid',
          placeItems: 'center',
          minHeight: '100dvh',
        }}
      >
        <title>Something went wrong · Consailt</title>
        <div style={{ textAlign: 'center' }}>
          <h1 style={{ fontSize: '1.25rem', fontWeight: 600 }}>Something went wrong</h1>
          <p style={{ color: '#737373' }}>An unexpected error occurred. Please try again.</p>
          <button type="button" onClick={() => retry()} style={{ marginTop: '1rem', padding: '0.5rem 1rem' }}>
            Retry
          </button>
        </div>
      </body>
    </html>
  );
}
