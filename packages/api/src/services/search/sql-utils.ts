import { type SQL, sql } from 'drizzle-orm';

export { queryRows } from '@consailt/db';

// drizzle expands a JS array parameter into a tuple, so arrays travel as one literal string.
const quoteElement = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export const textArray = (values: readonly string[]): SQL =>
  sql`${`{${values.map(quoteElement).join(',')}}`}::text[]`;

export const floatArray = (values: readonly number[]): SQL =>
  sql`${`{${values.map((v) => (Number.isFinite(v) ? String(v) : '0')).join(',')}}`}::float8[]`;

export const uuidArray = (values: readonly string[]): SQL => sql`${`{${values.join(',')}}`}::uuid[]`;

/** A tsquery matching any of the lexemes, taken as they are (no second stemming). */
export function anyLexemeQuery(lexemes: readonly string[]): SQL {
  const text = lexemes.map((l) => `'${l.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
  return sql`${text}::tsquery`;
}

/** pgvector literal of a vector. */
export const vectorLiteral = (v: ArrayLike<number>): SQL => sql`${`[${Array.from(v).join(',')}]`}::vector`;
