import { describe, expect, it } from 'vitest';
import {
  addTagName,
  diffRows,
  EDITOR_FIELDS,
  fieldErrorsFromIssues,
  missingTemplateFields,
  validateDraft,
} from './editor-helpers';
import {
  EMPTY_LIST_STATE,
  effectiveOrder,
  hasFilters,
  listInput,
  listStateToSearch,
  parseListParams,
} from './list-params';

const ENG = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const TAG = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';

describe('knowledge list params', () => {
  it('round-trips filters and sort through the address bar', () => {
    const state = parseListParams(
      new URLSearchParams(`engagement=${ENG}&tag=${TAG}&type=meeting&source=import&sort=title&order=desc`),
    );
    expect(state).toEqual({
      ...EMPTY_LIST_STATE,
      engagement: ENG,
      tag: TAG,
      type: 'meeting',
      source: 'import',
      sort: 'title',
      order: 'desc',
    });
    expect(parseListParams(new URLSearchParams(listStateToSearch(state)))).toEqual(state);
    expect(listStateToSearch(EMPTY_LIST_STATE)).toBe('');
  });

  it('drops malformed values instead of sending a request the API refuses', () => {
    const state = parseListParams({
      engagement: "1' or '1'='1",
      type: 'memo',
      sort: ['created', 'title'],
      order: 'sideways',
      author: ENG.toUpperCase(),
    });
    expect(state).toEqual({ ...EMPTY_LIST_STATE, sort: 'created', author: ENG });
  });

  it('builds the knowledge.list input with only the filters set', () => {
    expect(listInput(EMPTY_LIST_STATE)).toEqual({ sort: 'updated' });
    expect(hasFilters(EMPTY_LIST_STATE)).toBe(false);
    const state = { ...EMPTY_LIST_STATE, engagement: ENG, source: 'api' as const, order: 'asc' as const };
    expect(listInput(state)).toEqual({
      sort: 'updated',
      order: 'asc',
      filters: { engagementIds: [ENG], sources: ['api'] },
    });
    expect(hasFilters(state)).toBe(true);
  });

  it('defaults to newest first for dates and A→Z for titles', () => {
    expect(effectiveOrder({ sort: 'updated', order: null })).toBe('desc');
    expect(effectiveOrder({ sort: 'title', order: null })).toBe('asc');
    expect(effectiveOrder({ sort: 'title', order: 'desc' })).toBe('desc');
  });
});

describe('entry editor helpers', () => {
  it('adds tags once, case-insensitively, with whitespace collapsed', () => {
    expect(addTagName(['Retail'], '  retail ').tags).toEqual(['Retail']);
    expect(addTagName(['Retail'], ' cold   chain ').tags).toEqual(['Retail', 'cold chain']);
    expect(addTagName([], '   ')).toEqual({ tags: [], error: null });
    expect(addTagName([], 'x'.repeat(51)).error).toMatch(/at most 50/);
    const full = Array.from({ length: 30 }, (_, i) => `t${i}`);
    expect(addTagName(full, 'one more')).toEqual({ tags: full, error: 'At most 30 tags per entry' });
  });

  it('reports the same limits as the API before saving', () => {
    expect(validateDraft({ title: '  ', body: '' })).toEqual({ title: 'Title is required' });
    expect(validateDraft({ title: 'x'.repeat(301), body: '' }).title).toMatch(/at most 300/);
    expect(validateDraft({ title: 'Kickoff', body: 'y'.repeat(500_001) })).toEqual({
      body: 'Body is at most 500,000 characters',
    });
    expect(validateDraft({ title: 'Kickoff', body: '# Notes' })).toEqual({});
  });

  it('names required template fields that are blank', () => {
    const fields = [
      { key: 'client', label: 'Client', required: true },
      { key: 'date', label: 'Date' },
      { key: 'owner', label: 'Owner', required: true },
    ];
    expect(missingTemplateFields(fields, { client: ' ', owner: 'Ana' })).toEqual(['Client']);
    expect(missingTemplateFields(fields, { client: 'Acme', owner: 'Ana' })).toEqual([]);
  });

  it('numbers diff rows on both sides, one row per line', () => {
    const rows = diffRows([
      { op: 'equal', text: '# Kickoff\n' },
      { op: 'delete', text: 'Scope: pricing.\nBudget: 10k.\n' },
      { op: 'insert', text: 'Scope: pricing and assortment.\n' },
      { op: 'equal', text: 'Owner: Ana' },
    ]);
    expect(rows).toEqual([
      { op: 'equal', text: '# Kickoff', oldLine: 1, newLine: 1 },
      { op: 'delete', text: 'Scope: pricing.', oldLine: 2, newLine: null },
      { op: 'delete', text: 'Budget: 10k.', oldLine: 3, newLine: null },
      { op: 'insert', text: 'Scope: pricing and assortment.', oldLine: null, newLine: 2 },
      { op: 'equal', text: 'Owner: Ana', oldLine: 4, newLine: 3 },
    ]);
    expect(diffRows([{ op: 'insert', text: '\n' }])).toEqual([
      { op: 'insert', text: '', oldLine: null, newLine: 1 },
    ]);
  });

  it("puts the API's validation issues next to their fields", () => {
    const issues = [
      { path: 'title', message: 'Title is required' },
      { path: 'tags.3', message: 'Tag names are at most 50 characters' },
      { path: 'tags.4', message: 'second tag message is not shown' },
      { path: 'expectedVersion', message: 'not a field of the form' },
    ];
    expect(fieldErrorsFromIssues(issues, EDITOR_FIELDS)).toEqual({
      title: 'Title is required',
      tags: 'Tag names are at most 50 characters',
    });
    expect(fieldErrorsFromIssues(undefined, EDITOR_FIELDS)).toEqual({});
  });
});
