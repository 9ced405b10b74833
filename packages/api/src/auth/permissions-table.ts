import { ROLES } from '@consailt/db';
import { ROLE_SCOPES, SCOPES } from './permissions';

/** The role → scope table as markdown, as printed in docs/API.md (a test keeps them in sync). */
export function renderPermissionTable(): string {
  const header = `| scope | ${ROLES.join(' | ')} |`;
  const rule = `| --- | ${ROLES.map(() => ':---:').join(' | ')} |`;
  const rows = SCOPES.map(
    (scope) =>
      `| \`${scope}\` | ${ROLES.map((r) => (ROLE_SCOPES[r].includes(scope) ? '✓' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
