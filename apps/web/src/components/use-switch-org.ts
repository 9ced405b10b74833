'use client';

import { toast } from '@consailt/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { switchOrganization } from '@/lib/org-actions';

/** Switches the active organization, drops every cached query of the old one and re-renders the page. */
export function useSwitchOrg() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();

  const switchTo = (org: { id: string }, options: { navigateTo?: string } = {}) =>
    new Promise<boolean>((resolve) => {
      startTransition(async () => {
        const result = await switchOrganization(org.id);
        if (!result.ok) {
          toast.error(result.error);
          resolve(false);
          return;
        }
        // Cached lists belong to the previous organization; showing them for a moment would mislead.
        queryClient.removeQueries();
        if (options.navigateTo) router.push(options.navigateTo);
        router.refresh();
        toast.success(`Switched to ${result.name}`);
        resolve(true);
      });
    });

  return { switchTo, pending };
}
