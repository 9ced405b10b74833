import { describe, expect, it } from 'vitest';
import { ACTIVE_ORG_HEADER, safeNextPath, withActiveOrgHeader } from './active-org';

const ORG = '2f1d0c1e-8a55-4f61-9d7b-3f3c1b0a9e11';

describe('withActiveOrgHeader', () => {
  it('copies a well-formed cookie into the header', () => {
    expect(withActiveOrgHeader(new Headers(), ORG).get(ACTIVE_ORG_HEADER)).toBe(ORG);
  });

  it('never overrides an explicit header and ignores junk', () => {
    const explicit = new Headers({ [ACTIVE_ORG_HEADER]: 'other' });
    expect(withActiveOrgHeader(explicit, ORG).get(ACTIVE_ORG_HEADER)).toBe('other');
    expect(withActiveOrgHeader(new Headers(), 'not-an-id').has(ACTIVE_ORG_HEADER)).toBe(false);
    expect(withActiveOrgHeader(new Headers(), undefined).has(ACTIVE_ORG_HEADER)).toBe(false);
  });
});

describe('safeNextPath', () => {
  it('accepts same-site paths only', () => {
    expect(safeNextPath('/invite/abc?x=1')).toBe('/invite/abc?x=1');
    expect(safeNextPath('//evil.example')).toBeNull();
    expect(safeNextPath('/\\evil.example')).toBeNull();
    expect(safeNextPath('https://evil.example')).toBeNull();
    expect(safeNextPath(undefined)).toBeNull();
  });
});
