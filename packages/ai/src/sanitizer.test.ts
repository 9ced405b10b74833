import { describe, expect, it } from 'vitest';
import { createSanitizer } from './sanitizer';

describe('sanitizer', () => {
  const make = () => createSanitizer({ clientNames: ['Acme Corp', 'Globex'], terms: ['Project Falcon'] });

  it('replaces client names, terms, emails and phone numbers with stable placeholders', () => {
    const s = make();
    const out = s.redact(
      'Acme Corp (acme corp, ACME CORP) hired us for Project Falcon. Mail jane.doe@acme.com or call +1 (415) 555-0134; Globex too.',
    );
    expect(out).toBe(
      '[[CLIENT_1]] ([[CLIENT_1]], [[CLIENT_1]]) hired us for [[TERM_1]]. Mail [[EMAIL_1]] or call [[PHONE_1]]; [[CLIENT_2]] too.',
    );
    // The same value keeps its placeholder in later messages of the call.
    expect(s.redact('Reply to JANE.DOE@acme.com about Globex')).toBe(
      'Reply to [[EMAIL_1]] about [[CLIENT_2]]',
    );
  });

  it('leaves dates, amounts, versions and partial words alone', () => {
    const s = make();
    const text =
      'On 2024-05-17 revenue was 1,250,000 in v2.3.1; Acmeville and Globexian are not clients. 12.05.2024';
    expect(s.redact(text)).toBe(text);
  });

  it('recognizes common phone formats', () => {
    const s = createSanitizer();
    for (const phone of [
      '+44 20 7946 0958',
      '(212) 555-0199',
      '+49-30-901820',
      '555.123.4567',
      '+33 1 23 45 67 89',
    ]) {
      expect(s.redact(`call ${phone} now`), phone).toMatch(/^call \[\[PHONE_\d+\]\] now$/);
    }
  });

  it('restores originals in the output, including repeated and unknown placeholders', () => {
    const s = make();
    s.redact('Acme Corp, bob@globex.com, Project Falcon');
    expect(s.restore('[[CLIENT_1]] and [[EMAIL_1]] on [[TERM_1]]; again [[CLIENT_1]]; [[CLIENT_9]]')).toBe(
      'Acme Corp and bob@globex.com on Project Falcon; again Acme Corp; [[CLIENT_9]]',
    );
  });

  it('restores placeholders split across stream chunks at every possible cut', () => {
    const s = make();
    s.redact('Acme Corp: jane@acme.com');
    const raw = 'Dear [[CLIENT_1]], write to [[EMAIL_1]] [x] [[not]] [[CLIENT_1]]';
    const expected = 'Dear Acme Corp, write to jane@acme.com [x] [[not]] Acme Corp';
    for (let a = 1; a < raw.length; a++) {
      for (const b of [a + 1, a + 3, a + 7]) {
        if (b >= raw.length) continue;
        const r = s.createStreamRestorer();
        const out = r.push(raw.slice(0, a)) + r.push(raw.slice(a, b)) + r.push(raw.slice(b)) + r.flush();
        expect(out, `cuts ${a},${b}`).toBe(expected);
      }
    }
    // One character at a time, and nothing held back longer than needed.
    const r = s.createStreamRestorer();
    let out = '';
    for (const ch of raw) out += r.push(ch);
    expect(out + r.flush()).toBe(expected);
    const r2 = s.createStreamRestorer();
    expect(r2.push('plain text [')).toBe('plain text ');
    expect(r2.push('a] more')).toBe('[a] more');
  });

  it('never rewrites its own placeholders, whatever the terms are', () => {
    const s = createSanitizer({ clientNames: ['Client', 'Email'], terms: ['1'] });
    const out = s.redact('Client wrote to a@b.co; Email Inc. too');
    expect(out).toBe('[[CLIENT_1]] wrote to [[EMAIL_1]]; [[CLIENT_2]] Inc. too');
    expect(s.redact(out)).toBe(out);
    expect(s.restore(out)).toBe('Client wrote to a@b.co; Email Inc. too');
  });

  it('does nothing when disabled', () => {
    const s = createSanitizer({ enabled: false, clientNames: ['Acme'] });
    expect(s.redact('Acme, a@b.co')).toBe('Acme, a@b.co');
  });
});
