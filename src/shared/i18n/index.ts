// The one zh-CN catalogue. Every user-visible string comes from here, by typed key, so a missing
// or misspelt key fails type-checking. Sections live in their own files to keep each small;
// keys are namespaced by section ("case.status.accepted").
import { common } from './common.ts';
import { caseMessages } from './case.ts';
import { errors } from './errors.ts';
import { sync } from './sync.ts';
import { ui } from './ui.ts';
import { uiForms } from './ui-forms.ts';
import { server } from './server.ts';
import { documents } from './documents.ts';
import { guides } from './guides.ts';

const catalogue = { ...common, ...caseMessages, ...errors, ...sync, ...server, ...ui, ...uiForms, ...documents, ...guides } as const;

export type MessageKey = keyof typeof catalogue;
export type MessageParams = Record<string, string | number>;

/** Looks up a message and fills `{name}` placeholders; numbers are formatted for zh-CN. */
export function t(key: MessageKey, params?: MessageParams): string {
  const template: string = catalogue[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numberFormat.format(value) : value;
  });
}

const numberFormat = new Intl.NumberFormat('zh-CN', { useGrouping: false });

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(catalogue, key);
}
