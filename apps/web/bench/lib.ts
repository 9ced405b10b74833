import { loadavg } from 'node:os';
import type { Browser, BrowserContext } from 'playwright-core';
import { signIn } from '../e2e/app-server';

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The 1-minute load average, printed next to every figure: the bench machine is shared and noisy. */
export const load1 = () => round(loadavg()[0] ?? 0, 2);

/**
 * A browser context signed in through the development sign-in (the seeded demo owner), returning its
 * storage state so later contexts start signed in without repeating the form.
 */
export async function signedInState(
  browser: Browser,
  baseURL: string,
  name = 'Olivia Chen',
): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, baseURL, name);
  const state = await context.storageState();
  await context.close();
  return state;
}
