'use client';

import { Button, Card, CardContent, Input, Label, NativeSelect, Textarea } from '@consailt/ui';
import { LoaderCircleIcon, WandSparklesIcon } from 'lucide-react';
import { useState } from 'react';
import { api, type RouterOutputs } from '@/trpc/react';
import { FormError } from '../form-error';
import { missingTemplateFields } from './editor-helpers';

type Template = RouterOutputs['templates']['list'][number];
export type TemplateDraft = RouterOutputs['templates']['render'];

/**
 * Choose a template, fill in its fields, and apply it: the server renders the body (and entry type)
 * that the editor then starts from.
 */
export function TemplatePicker({
  templates,
  onApply,
}: {
  templates: Template[];
  onApply: (draft: TemplateDraft) => void;
}) {
  const utils = api.useUtils();
  const [templateId, setTemplateId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string } | null>(null);
  const template = templates.find((t) => t.id === templateId);

  if (templates.length === 0) return null;

  async function apply(chosen: Template) {
    const missing = missingTemplateFields(chosen.fields, values);
    if (missing.length) {
      setError({ message: `Fill in: ${missing.join(', ')}` });
      return;
    }
    setPending(true);
    setError(null);
    try {
      onApply(await utils.templates.render.fetch({ id: chosen.id, values }));
    } catch (caught) {
      setError({ message: caught instanceof Error ? caught.message : 'The template could not be applied' });
    } finally {
      setPending(false);
    }
  }

  return (
    <Card className="gap-3 py-4" data-testid="template-picker">
      <CardContent className="flex flex-col gap-3 px-4">
        <div className="grid gap-2">
          <Label htmlFor="entry-template">Start from a template</Label>
          <NativeSelect
            id="entry-template"
            value={templateId}
            onChange={(event) => {
              setTemplateId(event.target.value);
              setValues({});
              setError(null);
            }}
          >
            <option value="">No template</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </NativeSelect>
          {template?.description ? (
            <p className="text-muted-foreground text-sm">{template.description}</p>
          ) : null}
        </div>
        {template ? (
          <>
            {template.fields.map((field) => {
              const id = `template-field-${field.key}`;
              const common = {
                id,
                value: values[field.key] ?? '',
                required: field.required,
              };
              const set = (value: string) => setValues((prev) => ({ ...prev, [field.key]: value }));
              return (
                <div key={field.key} className="grid gap-2">
                  <Label htmlFor={id}>
                    {field.label}
                    {field.required ? <span className="text-destructive">*</span> : null}
                  </Label>
                  {field.kind === 'textarea' ? (
                    <Textarea {...common} onChange={(event) => set(event.target.value)} />
                  ) : field.kind === 'select' ? (
                    <NativeSelect {...common} onChange={(event) => set(event.target.value)}>
                      <option value="">Choose…</option>
                      {(field.options ?? []).map((option) => (
                        <option key={option} value={option}>
                          {option}
                        </option>
                      ))}
                    </NativeSelect>
                  ) : (
                    <Input
                      {...common}
                      type={field.kind === 'date' ? 'date' : 'text'}
                      onChange={(event) => set(event.target.value)}
                    />
                  )}
                </div>
              );
            })}
            <FormError error={error} />
            <div>
              <Button
                type="button"
                variant="secondary"
                disabled={pending}
                onClick={() => void apply(template)}
              >
                {pending ? (
                  <LoaderCircleIcon className="animate-spin" aria-hidden />
                ) : (
                  <WandSparklesIcon aria-hidden />
                )}
                Apply template
              </Button>
              <span className="ml-3 text-muted-foreground text-xs">Replaces the body and type below.</span>
            </div>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
