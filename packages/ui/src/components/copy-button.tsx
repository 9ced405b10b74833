'use client';

import { CheckIcon, CopyIcon } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button, type ButtonProps } from './button';

/** Clipboard API where available; the selection fallback covers plain-http origins other than localhost. */
async function copyText(value: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(value);
      return true;
    }
  } catch {
    // Permission denied or unfocused document: try the fallback.
  }
  const area = document.createElement('textarea');
  area.value = value;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export type CopyButtonProps = Omit<ButtonProps, 'onClick' | 'value'> & {
  value: string;
  label?: string;
  onCopied?: (ok: boolean) => void;
};

export function CopyButton({
  value,
  label = 'Copy',
  onCopied,
  variant = 'outline',
  ...props
}: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  return (
    <Button
      type="button"
      variant={variant}
      onClick={async () => {
        const ok = await copyText(value);
        setState(ok ? 'copied' : 'failed');
        onCopied?.(ok);
      }}
      {...props}
    >
      {state === 'copied' ? <CheckIcon aria-hidden /> : <CopyIcon aria-hidden />}
      <span>{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed — select it' : label}</span>
    </Button>
  );
}
