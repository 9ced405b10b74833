'use client';

import {
  createContext,
  type ReactNode,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { THEME_KEY, type Theme } from '@/lib/theme';

type ThemeContextValue = {
  theme: Theme;
  resolvedTheme: 'light' | 'dark';
  setTheme: (theme: Theme) => void;
};

const ThemeContext = createContext<ThemeContextValue | null>(null);

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

function readStoredTheme(): Theme {
  try {
    const stored = window.localStorage.getItem(THEME_KEY);
    if (stored === 'light' || stored === 'dark' || stored === 'system') return stored;
  } catch {
    // Storage can throw (privacy mode, blocked cookies); fall back to the OS preference.
  }
  return 'system';
}

function systemPrefersDark(): boolean {
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/**
 * Sets the `dark` class. Colour transitions are suspended for the switch: otherwise every element
 * with a `transition-colors` class animates at once, and the frame after the click (what INP
 * measures) carries the restyle of the whole page plus all those animations.
 */
function applyTheme(theme: Theme): 'light' | 'dark' {
  const resolved = theme === 'dark' || (theme === 'system' && systemPrefersDark()) ? 'dark' : 'light';
  const root = document.documentElement;
  if (root.classList.contains('dark') === (resolved === 'dark')) return resolved;
  const pause = document.createElement('style');
  pause.textContent = '*,*::before,*::after{transition:none!important}';
  document.head.appendChild(pause);
  root.classList.toggle('dark', resolved === 'dark');
  // Let the new colours apply without transitions, then restore them after that frame.
  requestAnimationFrame(() => requestAnimationFrame(() => pause.remove()));
  return resolved;
}

export function ThemeProvider({ children }: { children: ReactNode }) {
  // The inline head script already applied the class; state starts neutral and syncs after mount so the
  // server and first client render agree.
  const [theme, setThemeState] = useState<Theme>('system');
  const [resolvedTheme, setResolvedTheme] = useState<'light' | 'dark'>('light');

  useEffect(() => {
    const stored = readStoredTheme();
    setThemeState(stored);
    setResolvedTheme(applyTheme(stored));
    // Marks the page interactive: end-to-end tests wait for it before clicking, so a click never lands
    // on server-rendered HTML whose handlers are not attached yet.
    document.documentElement.dataset.hydrated = 'true';
  }, []);

  // Follow OS changes while the user has not picked a theme explicitly.
  useEffect(() => {
    if (theme !== 'system') return;
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setResolvedTheme(applyTheme('system'));
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [theme]);

  const setTheme = useCallback((next: Theme) => {
    try {
      window.localStorage.setItem(THEME_KEY, next);
    } catch {
      // Ignore: the cookie below still remembers the choice.
    }
    // biome-ignore lint/suspicious/noDocumentCookie: a plain, non-sensitive preference cookie is enough here.
    document.cookie = `${THEME_KEY}=${next}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
    const resolved = applyTheme(next);
    // The class above repaints the page at once; re-rendering what reads the theme (charts, the
    // toggle's state) can follow the paint.
    startTransition(() => {
      setThemeState(next);
      setResolvedTheme(resolved);
    });
  }, []);

  const value = useMemo(() => ({ theme, resolvedTheme, setTheme }), [theme, resolvedTheme, setTheme]);
  return <ThemeContext value={value}>{children}</ThemeContext>;
}

export function useTheme(): ThemeContextValue {
  const context = useContext(ThemeContext);
  if (!context) throw new Error('useTheme must be used inside <ThemeProvider>');
  return context;
}
