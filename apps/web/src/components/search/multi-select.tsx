'use client';

import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@consailt/ui';
import { type MultiSelectProps, MultiSelectTrigger } from './multi-select-button';

/** A multi-choice filter as a menu of checkboxes; the menu stays open while ticking. */
export default function MultiSelect({ label, options, selected, onChange, empty }: MultiSelectProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <span className="font-medium text-sm">{label}</span>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <MultiSelectTrigger label={label} options={options} selected={selected} />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="max-h-72 w-56">
          <DropdownMenuLabel>{label}</DropdownMenuLabel>
          <DropdownMenuSeparator />
          {options.length === 0 ? (
            <p className="px-2 py-1.5 text-muted-foreground text-sm">{empty}</p>
          ) : (
            options.map((option) => (
              <DropdownMenuCheckboxItem
                key={option.id}
                checked={selected.includes(option.id)}
                onSelect={(event) => event.preventDefault()}
                onCheckedChange={(on) =>
                  onChange(on ? [...selected, option.id] : selected.filter((id) => id !== option.id))
                }
              >
                {option.label}
              </DropdownMenuCheckboxItem>
            ))
          )}
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
