'use client';

import {
  Button,
  Card,
  CardContent,
  CardFooter,
  Input,
  Label,
  NativeSelect,
  Textarea,
  toast,
} from '@consailt/ui';
import { LoaderCircleIcon, SaveIcon } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type ReactNode, useState } from 'react';
import { humanize } from '@/lib/format';
import { api, type RouterOutputs } from '@/trpc/react';
import { FormError } from '../form-error';
import { fieldErrorsFromIssues } from '../knowledge/editor-helpers';
import { ENGAGEMENT_STATUSES, type EngagementStatus } from './engagement-status';
import { parseKeywords } from './keywords';

type Engagement = RouterOutputs['engagements']['byId'];

const FIELDS = ['name', 'clientName', 'status', 'startDate', 'endDate', 'description', 'keywords'] as const;
type FieldName = (typeof FIELDS)[number];

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Create or edit an engagement (for those with `engagements:manage`). */
export function EngagementForm({ engagement }: { engagement?: Engagement }) {
  const router = useRouter();
  const utils = api.useUtils();
  const [values, setValues] = useState({
    name: engagement?.name ?? '',
    clientName: engagement?.clientName ?? '',
    status: (engagement?.status ?? 'active') as EngagementStatus,
    startDate: engagement?.startDate ?? '',
    endDate: engagement?.endDate ?? '',
    description: engagement?.description ?? '',
    keywords: engagement?.keywords.join(', ') ?? '',
  });
  const [local, setLocal] = useState<Partial<Record<FieldName, string>>>({});
  const saved = async (id: string) => {
    toast.success(engagement ? 'Engagement saved' : 'Engagement created');
    await utils.engagements.invalidate();
    router.push(`/engagements/${id}`);
    router.refresh();
  };
  const create = api.engagements.create.useMutation({ onSuccess: ({ id }) => saved(id) });
  const update = api.engagements.update.useMutation({ onSuccess: ({ id }) => saved(id) });
  const mutation = engagement ? update : create;
  const server = fieldErrorsFromIssues(mutation.error?.data?.issues, FIELDS);
  const errors: Partial<Record<FieldName, string>> = { ...server, ...local };
  const set = (key: FieldName, value: string) => {
    setValues((prev) => ({ ...prev, [key]: value }));
    setLocal((prev) => ({ ...prev, [key]: undefined }));
  };
  const invalid = (key: FieldName) =>
    errors[key] ? { 'aria-invalid': true, 'aria-describedby': `engagement-${key}-error` } : {};

  function submit() {
    const found: Partial<Record<FieldName, string>> = {};
    if (!values.name.trim()) found.name = 'Name is required';
    if (!values.clientName.trim()) found.clientName = 'Client name is required';
    if (values.startDate && values.endDate && values.endDate < values.startDate) {
      found.endDate = 'The end date is before the start date';
    }
    setLocal(found);
    if (Object.keys(found).length) return;
    const input = {
      name: values.name,
      clientName: values.clientName,
      status: values.status,
      startDate: values.startDate || null,
      endDate: values.endDate || null,
      description: values.description,
      keywords: parseKeywords(values.keywords),
    };
    if (engagement) update.mutate({ id: engagement.id, ...input });
    else create.mutate(input);
  }

  return (
    <Card>
      <form
        className="contents"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Field id="engagement-name" label="Name" error={errors.name}>
            <Input
              id="engagement-name"
              value={values.name}
              maxLength={200}
              onChange={(e) => set('name', e.target.value)}
              {...invalid('name')}
            />
          </Field>
          <Field id="engagement-clientName" label="Client" error={errors.clientName}>
            <Input
              id="engagement-clientName"
              value={values.clientName}
              maxLength={200}
              onChange={(e) => set('clientName', e.target.value)}
              {...invalid('clientName')}
            />
          </Field>
          <Field id="engagement-status" label="Status" error={errors.status}>
            <NativeSelect
              id="engagement-status"
              value={values.status}
              onChange={(e) => set('status', e.target.value)}
            >
              {ENGAGEMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <div className="grid grid-cols-2 gap-4">
            <Field id="engagement-startDate" label="Start date" error={errors.startDate}>
              <Input
                id="engagement-startDate"
                type="date"
                value={values.startDate}
                onChange={(e) => set('startDate', e.target.value)}
                {...invalid('startDate')}
              />
            </Field>
            <Field id="engagement-endDate" label="End date" error={errors.endDate}>
              <Input
                id="engagement-endDate"
                type="date"
                value={values.endDate}
                onChange={(e) => set('endDate', e.target.value)}
                {...invalid('endDate')}
              />
            </Field>
          </div>
          <div className="sm:col-span-2">
            <Field id="engagement-description" label="Description" error={errors.description}>
              <Textarea
                id="engagement-description"
                value={values.description}
                maxLength={10_000}
                className="min-h-28"
                onChange={(e) => set('description', e.target.value)}
                {...invalid('description')}
              />
            </Field>
          </div>
          <div className="sm:col-span-2">
            <Field id="engagement-keywords" label="News keywords (comma-separated)" error={errors.keywords}>
              <Input
                id="engagement-keywords"
                value={values.keywords}
                placeholder="industry, products, competitors"
                onChange={(e) => set('keywords', e.target.value)}
                {...invalid('keywords')}
              />
            </Field>
          </div>
          {mutation.error && Object.keys(server).length === 0 ? (
            <div className="sm:col-span-2">
              <FormError error={mutation.error} />
            </div>
          ) : null}
        </CardContent>
        <CardFooter className="justify-end gap-2">
          <Button variant="outline" asChild>
            <Link href={engagement ? `/engagements/${engagement.id}` : '/engagements'}>Cancel</Link>
          </Button>
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? (
              <LoaderCircleIcon className="animate-spin" aria-hidden />
            ) : (
              <SaveIcon aria-hidden />
            )}
            {engagement ? 'Save engagement' : 'Create engagement'}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
