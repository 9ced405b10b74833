'use client';

import { OrganizationSwitcher } from '@clerk/nextjs';

/**
 * Clerk's organization switcher: switching sets the active organization in the Clerk session, whose
 * token (`o.id`) the API maps to our organization; personal accounts are hidden because every
 * Consailt resource belongs to an organization.
 */
export function ClerkOrgSwitcher() {
  return (
    <div data-testid="clerk-org-switcher">
      <OrganizationSwitcher
        hidePersonal
        afterSelectOrganizationUrl="/"
        afterCreateOrganizationUrl="/"
        organizationProfileMode="navigation"
        organizationProfileUrl="/settings/organization"
        appearance={{
          elements: { rootBox: 'w-full', organizationSwitcherTrigger: 'w-full justify-between' },
        }}
      />
    </div>
  );
}
