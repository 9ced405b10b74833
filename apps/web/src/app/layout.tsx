import { Toaster } from '@consailt/ui';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { ClerkRoot } from '@/components/clerk/clerk-root';
import { ThemeProvider } from '@/components/theme-provider';
import { themeInitScript } from '@/lib/theme';
import { TRPCReactProvider } from '@/trpc/react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Consailt', template: '%s · Consailt' },
  description: 'Knowledge management for consultants: capture, search, cited answers, client news.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0a0a0a' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The head script adds `dark` to <html> before hydration, so its class legitimately differs from the server's.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: static, app-authored script; must run before paint. */}
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <ClerkRoot>
          <ThemeProvider>
            <TRPCReactProvider>{children}</TRPCReactProvider>
            <Toaster />
          </ThemeProvider>
        </ClerkRoot>
      </body>
    </html>
  );
}
