'use client';

import {
  Button,
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
  Gauge,
  Input,
  Label,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  toast,
} from '@consailt/ui';
import { LoaderCircleIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { type ComponentProps, type FormEvent, useEffect, useState } from 'react';
import { formatUsd, microUsdToInput, parseUsdInput } from '@/lib/format';
import { api, type RouterOutputs } from '@/trpc/react';
import { FormError } from '../form-error';

type Budgets = RouterOutputs['budgets']['get'];
type Member = RouterOutputs['members']['list'][number];

const MAX_USD = 1_000_000;

/** A limit field's text -> dollars, or a message for the person typing. */
function readLimit(text: string, label: string): { value: number | null } | { error: string } {
  const value = parseUsdInput(text);
  if (value === null) return { value: null };
  if (Number.isNaN(value)) return { error: `${label}: enter an amount in dollars, like 250 or 99.50` };
  if (value > MAX_USD) return { error: `${label}: at most $1,000,000` };
  return { value };
}

function UsdInput({
  id,
  value,
  onChange,
  ...props
}: Omit<ComponentProps<typeof Input>, 'onChange' | 'value'> & {
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="relative">
      <span className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-muted-foreground text-sm">
        $
      </span>
      <Input
        id={id}
        inputMode="decimal"
        autoComplete="off"
        placeholder="No limit"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="pl-6 tabular-nums"
        {...props}
      />
    </div>
  );
}

export function SpendCard({ budgets }: { budgets: Budgets }) {
  const hard = budgets.org.hardLimitMicroUsd;
  const soft = budgets.org.softLimitMicroUsd;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Spend this month</CardTitle>
        <CardDescription>
          {budgets.period} (UTC). Every AI call’s exact cost, plus estimates reserved for calls still running.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid items-center gap-6 sm:grid-cols-[1fr_14rem]">
        <dl className="grid grid-cols-2 gap-4 text-sm">
          <div>
            <dt className="text-muted-foreground">Spent</dt>
            <dd className="font-semibold text-2xl tabular-nums" data-testid="spent">
              {formatUsd(budgets.spentMicroUsd)}
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Reserved (in flight)</dt>
            <dd className="font-semibold text-2xl tabular-nums">{formatUsd(budgets.reservedMicroUsd)}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Hard limit</dt>
            <dd className="tabular-nums">{hard === null ? 'None' : formatUsd(hard)}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Soft limit</dt>
            <dd className="tabular-nums">{soft === null ? 'None' : formatUsd(soft)}</dd>
          </div>
        </dl>
        {hard !== null ? (
          <Gauge
            label="Organization budget used"
            value={budgets.spentMicroUsd}
            max={hard}
            marker={soft}
            markerLabel={soft !== null ? `Soft limit ${formatUsd(soft)}` : undefined}
            valueText={formatUsd(budgets.spentMicroUsd)}
            caption={`of ${formatUsd(hard)}`}
          />
        ) : (
          <p className="text-muted-foreground text-sm">Set a hard limit to see spend against it.</p>
        )}
      </CardContent>
    </Card>
  );
}

function OrgLimitsCard({ budgets }: { budgets: Budgets }) {
  const router = useRouter();
  const savedHard = microUsdToInput(budgets.org.hardLimitMicroUsd);
  const savedSoft = microUsdToInput(budgets.org.softLimitMicroUsd);
  const [hard, setHard] = useState(savedHard);
  const [soft, setSoft] = useState(savedSoft);
  const [localError, setLocalError] = useState<string | null>(null);
  useEffect(() => {
    setHard(savedHard);
    setSoft(savedSoft);
  }, [savedHard, savedSoft]);
  const set = api.budgets.set.useMutation({
    onSuccess: () => {
      toast.success('Organization budget saved');
      router.refresh();
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const hardLimit = readLimit(hard, 'Hard limit');
    const softLimit = readLimit(soft, 'Soft limit');
    if ('error' in hardLimit) return setLocalError(hardLimit.error);
    if ('error' in softLimit) return setLocalError(softLimit.error);
    if (hardLimit.value !== null && softLimit.value !== null && softLimit.value > hardLimit.value)
      return setLocalError('The soft limit must not exceed the hard limit.');
    setLocalError(null);
    set.mutate({ hardLimitUsd: hardLimit.value, softLimitUsd: softLimit.value });
  };
  const dirty = hard !== savedHard || soft !== savedSoft;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Organization limits</CardTitle>
        <CardDescription>
          Monthly, in US dollars. A call that would go past the hard limit is refused before it runs; crossing
          the soft limit records an alert in the audit log. Leave a field empty for no limit.
        </CardDescription>
      </CardHeader>
      <form onSubmit={onSubmit} className="contents" noValidate>
        <CardContent className="flex flex-col gap-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="grid gap-2">
              <Label htmlFor="budget-hard">Hard limit</Label>
              <UsdInput id="budget-hard" value={hard} onChange={setHard} />
            </div>
            <div className="grid gap-2">
              <Label htmlFor="budget-soft">Soft limit (alert)</Label>
              <UsdInput id="budget-soft" value={soft} onChange={setSoft} />
            </div>
          </div>
          <FormError error={localError ? { message: localError } : set.error} />
        </CardContent>
        <CardFooter className="justify-end gap-2 pt-4">
          <Button type="submit" disabled={!dirty || set.isPending}>
            {set.isPending ? <LoaderCircleIcon className="animate-spin" aria-hidden /> : null}
            Save limits
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function MemberLimitRow({
  member,
  limitMicroUsd,
  spentMicroUsd,
}: {
  member: Member;
  limitMicroUsd: number | null;
  spentMicroUsd: number;
}) {
  const router = useRouter();
  const saved = microUsdToInput(limitMicroUsd);
  const [value, setValue] = useState(saved);
  useEffect(() => setValue(saved), [saved]);
  const set = api.budgets.set.useMutation({
    onSuccess: (result) => {
      toast.success(
        result.hardLimitMicroUsd === null
          ? `${member.name} has no personal limit now`
          : `${member.name}: limit ${formatUsd(result.hardLimitMicroUsd)} a month`,
      );
      router.refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  const inputId = `member-limit-${member.userId}`;

  const save = (event: FormEvent) => {
    event.preventDefault();
    const limit = readLimit(value, member.name);
    if ('error' in limit) {
      toast.error(limit.error);
      return;
    }
    set.mutate({ userId: member.userId, hardLimitUsd: limit.value });
  };

  return (
    <TableRow>
      <TableCell className="whitespace-normal pl-6">
        <div className="flex flex-col">
          <label htmlFor={inputId} className="font-medium">
            {member.name}
          </label>
          <span className="break-all text-muted-foreground text-xs">{member.email}</span>
          <span className="text-muted-foreground text-xs tabular-nums sm:hidden">
            Spent {formatUsd(spentMicroUsd)}
          </span>
        </div>
      </TableCell>
      <TableCell className="hidden text-right tabular-nums sm:table-cell">
        {formatUsd(spentMicroUsd)}
      </TableCell>
      <TableCell className="pr-6">
        <form onSubmit={save} className="flex items-center justify-end gap-2" noValidate>
          <div className="w-24 sm:w-32">
            <UsdInput
              id={inputId}
              value={value}
              onChange={setValue}
              placeholder="None"
              className="h-8 pl-6"
            />
          </div>
          <Button type="submit" size="sm" variant="outline" disabled={value === saved || set.isPending}>
            {set.isPending ? <LoaderCircleIcon className="animate-spin" aria-hidden /> : null}
            Save
          </Button>
        </form>
      </TableCell>
    </TableRow>
  );
}

function MemberLimitsCard({
  budgets,
  members,
  spendByUser,
}: {
  budgets: Budgets;
  members: Member[];
  spendByUser: Record<string, number>;
}) {
  const limits = new Map(budgets.users.map((user) => [user.userId, user]));
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>Per-member limits</CardTitle>
        <CardDescription>
          An optional monthly hard limit for one person, on top of the organization’s. Empty means only the
          organization limit applies.
        </CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        <Table data-testid="member-budgets">
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">Member</TableHead>
              <TableHead className="hidden text-right sm:table-cell">Spent this month</TableHead>
              <TableHead className="pr-6 text-right">Monthly limit</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((member) => {
              const budget = limits.get(member.userId);
              return (
                <MemberLimitRow
                  key={member.userId}
                  member={member}
                  limitMicroUsd={budget?.hardLimitMicroUsd ?? null}
                  spentMicroUsd={spendByUser[member.userId] ?? budget?.spentMicroUsd ?? 0}
                />
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

export function BudgetsSettings({
  budgets,
  members,
  spendByUser,
}: {
  budgets: Budgets;
  members: Member[];
  spendByUser: Record<string, number>;
}) {
  return (
    <>
      <SpendCard budgets={budgets} />
      <OrgLimitsCard budgets={budgets} />
      <MemberLimitsCard budgets={budgets} members={members} spendByUser={spendByUser} />
    </>
  );
}
