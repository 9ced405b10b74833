/**
 * Pure rules behind the entry editor: tag chips, the draft's field errors (the same limits the API
 * enforces, shown before a round trip), template fields and the version diff's rows.
 */

export const TITLE_MAX = 300;
export const BODY_MAX = 500_000;
export const TAG_MAX_LENGTH = 50;
export const TAGS_MAX = 30;

/** Collapses whitespace the way the API does, so "  Retail  pricing " and "Retail pricing" are one tag. */
export function normalizeTagName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/**
 * Adds a typed tag to the chips. Names match case-insensitively (as on the server), so an existing
 * spelling wins over a retyped one. Returns the unchanged list and a reason when it cannot be added.
 */
export function addTagName(tags: readonly string[], raw: string): { tags: string[]; error: string | null } {
  const name = normalizeTagName(raw);
  if (!name) return { tags: [...tags], error: null };
  if (name.length > TAG_MAX_LENGTH) {
    return { tags: [...tags], error: `Tag names are at most ${TAG_MAX_LENGTH} characters` };
  }
  if (tags.some((t) => t.toLowerCase() === name.toLowerCase())) return { tags: [...tags], error: null };
  if (tags.length >= TAGS_MAX) return { tags: [...tags], error: `At most ${TAGS_MAX} tags per entry` };
  return { tags: [...tags, name], error: null };
}

export type DraftErrors = Partial<Record<'title' | 'body', string>>;

/** Field errors for a draft; empty when it can be saved. */
export function validateDraft(draft: { title: string; body: string }): DraftErrors {
  const errors: DraftErrors = {};
  const title = draft.title.trim();
  if (!title) errors.title = 'Title is required';
  else if (title.length > TITLE_MAX) errors.title = `Title is at most ${TITLE_MAX} characters`;
  if (draft.body.length > BODY_MAX) errors.body = 'Body is at most 500,000 characters';
  return errors;
}

/** Labels of required template fields left blank. */
export function missingTemplateFields(
  fields: readonly { key: string; label: string; required?: boolean }[],
  values: Record<string, string>,
): string[] {
  return fields.filter((f) => f.required && !(values[f.key] ?? '').trim()).map((f) => f.label);
}

export type DiffChange = { op: 'equal' | 'insert' | 'delete'; text: string };
export type DiffRow = {
  op: DiffChange['op'];
  text: string;
  /** Line number in the older version (absent for inserted lines). */
  oldLine: number | null;
  /** Line number in the newer version (absent for deleted lines). */
  newLine: number | null;
};

/**
 * One row per line from the API's line diff (each change may hold several lines, each ending in
 * "\n" except perhaps the last), numbered on both sides like a unified diff.
 */
export function diffRows(changes: readonly DiffChange[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const change of changes) {
    if (change.text === '') continue;
    const lines = change.text.split('\n');
    // A trailing newline ends the last line; it does not start another one.
    if (lines.length > 1 && lines.at(-1) === '') lines.pop();
    for (const text of lines) {
      switch (change.op) {
        case 'equal':
          rows.push({ op: 'equal', text, oldLine: oldLine++, newLine: newLine++ });
          break;
        case 'delete':
          rows.push({ op: 'delete', text, oldLine: oldLine++, newLine: null });
          break;
        case 'insert':
          rows.push({ op: 'insert', text, oldLine: null, newLine: newLine++ });
          break;
      }
    }
  }
  return rows;
}

export type EditorField = 'title' | 'body' | 'tags' | 'type' | 'visibility' | 'engagementId' | 'categoryId';
export const EDITOR_FIELDS = [
  'title',
  'body',
  'tags',
  'type',
  'visibility',
  'engagementId',
  'categoryId',
] as const satisfies readonly EditorField[];

/**
 * Field errors from the API's validation issues (`error.data.issues`, paths like "title" or
 * "tags.3"), so a server-side refusal lands next to the field it concerns. First message per field;
 * issues about other paths are left to the form's general error.
 */
export function fieldErrorsFromIssues<F extends string>(
  issues: readonly { path: string; message: string }[] | null | undefined,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const issue of issues ?? []) {
    const field = fields.find((f) => f === issue.path.split('.')[0]);
    if (field && !out[field]) out[field] = issue.message;
  }
  return out;
}
