/** Comma-separated keywords -> a clean list (blank and repeated ones dropped, case-insensitively). */
export function parseKeywords(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const keyword = raw.replace(/\s+/g, ' ').trim();
    if (keyword && !seen.has(keyword.toLowerCase())) {
      seen.add(keyword.toLowerCase());
      out.push(keyword);
    }
  }
  return out;
}
