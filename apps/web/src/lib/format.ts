// Fixed locale and time zone so server-rendered and client-rendered dates are identical (no hydration drift).
const dateFormatter = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormatter = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
  hourCycle: 'h23',
});
const numberFormatter = new Intl.NumberFormat('en-US');
const compactFormatter = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const usdCents = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
// Below a cent, two significant digits keep tiny per-call costs readable ($0.00042) instead of "$0.00".
const usdSubCent = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 2,
});
const usdCompact = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});

export function formatDate(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? '—' : dateFormatter.format(date);
}

/** Date and time in UTC, labelled as such, so server and client render the same text. */
export function formatDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? '—' : `${dateTimeFormatter.format(date)} UTC`;
}

export function formatNumber(value: number): string {
  return numberFormatter.format(value);
}

/** 1234567 -> "1.2M": for token counts in tight spaces. */
export function formatCompact(value: number): string {
  return compactFormatter.format(value);
}

/**
 * Costs arrive as integer micro-USD. Whole cents from one cent up ("$12.34"); below a cent, two
 * significant digits ("$0.0042", "$0.000001") so small but real spend never reads as zero.
 */
export function formatUsd(microUsd: number): string {
  const usd = microUsd / 1_000_000;
  if (usd === 0) return usdCents.format(0);
  return Math.abs(usd) >= 0.01 ? usdCents.format(usd) : usdSubCent.format(usd);
}

/** Short dollar amounts for chart axes: "$1.2K", "$0.50", "$0.0012". */
export function formatUsdAxis(microUsd: number): string {
  const usd = microUsd / 1_000_000;
  return Math.abs(usd) >= 1000 ? usdCompact.format(usd) : formatUsd(microUsd);
}

/** A USD amount typed by a user -> a number, or null when blank; NaN when not a valid amount. */
export function parseUsdInput(value: string): number | null {
  const trimmed = value.trim().replace(/^\$/, '').replaceAll(',', '');
  if (trimmed === '') return null;
  return /^\d+(\.\d{0,6})?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Micro-USD -> the plain dollars string a form field shows ("12.5"), or "" for no limit. */
export function microUsdToInput(microUsd: number | null): string {
  return microUsd === null ? '' : String(microUsd / 1_000_000);
}

/** "client_note" -> "Client note": entry types and statuses come from the API as snake_case identifiers. */
export function humanize(value: string): string {
  const spaced = value.replace(/[_-]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
