import { describe, expect, it } from 'vitest';
import { isSubmitShortcut, noteFromText } from './capture-helpers';

describe('noteFromText', () => {
  it('uses the first line as the title and the rest as the body', () => {
    expect(noteFromText('  Call with Acme\nThey want the report by Friday.\n')).toEqual({
      title: 'Call with Acme',
      body: 'They want the report by Friday.',
    });
  });

  it('refuses an empty note', () => {
    expect(noteFromText(' \n ')).toBeNull();
  });

  it('shortens a long first line at a word and keeps the whole note in the body', () => {
    const text = `${'word '.repeat(30).trim()} end`;
    const note = noteFromText(text);
    expect(note?.title.length).toBeLessThanOrEqual(80);
    expect(note?.title.endsWith('word…')).toBe(true);
    expect(note?.body).toBe(text);
  });
});

describe('isSubmitShortcut', () => {
  it('accepts Ctrl-Enter and ⌘-Enter only', () => {
    expect(isSubmitShortcut({ key: 'Enter', metaKey: false, ctrlKey: true })).toBe(true);
    expect(isSubmitShortcut({ key: 'Enter', metaKey: true, ctrlKey: false })).toBe(true);
    expect(isSubmitShortcut({ key: 'Enter', metaKey: false, ctrlKey: false })).toBe(false);
    expect(isSubmitShortcut({ key: 'a', metaKey: true, ctrlKey: false })).toBe(false);
  });
});
