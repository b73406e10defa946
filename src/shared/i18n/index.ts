// The one zh-CN catalogue. Every user-visible string comes from here, by typed key, so a missing
// or misspelt key fails type-checking. Sections live in their own files to keep each small;
// keys are namespaced by section ("case.status.accepted").
import { common } from './common.ts';
import { caseMessages } from './case.ts';
import { errors } from './errors.ts';
import { sync } from './sync.ts';
import { ui } from './ui.ts';
import { lock } from './lock.ts';
import { publicNav } from './public-nav.ts';
// Loaded after first paint (later.ts registers them): type-only here, so they stay out of the
// first bundle. The server and the tests load them at start.
import type { server } from './server.ts';
import type { documents } from './documents.ts';
import type { guides } from './guides.ts';
import type { network } from './network.ts';
import type { uiForms } from './ui-forms.ts';
import type { attachments } from './attachments.ts';
import type { review } from './review.ts';
import type { uiScreens } from './ui-screens.ts';
import type { requests } from './requests.ts';
import type { accounts } from './accounts.ts';
import type { desk } from './desk.ts';
import type { fields } from './fields.ts';
import type { security } from './security.ts';
import type { ops } from './ops.ts';
import type { county } from './county.ts';
import type { committees } from './committees.ts';
import type { federation } from './federation.ts';
import type { dossier } from './dossier.ts';
import type { publicSide } from './public.ts';
import type { idCard } from './id-card.ts';
import type { court } from './court.ts';
import type { screening } from './screening.ts';
import type { subsidy } from './subsidy.ts';
import type { referral } from './referral.ts';

/** What the first screens (shell, case list, first-run setup) may say. */
const core = { ...common, ...caseMessages, ...errors, ...sync, ...ui, ...lock, ...publicNav } as const;
// One section a line, so parallel work adds lines rather than editing one.
type Catalogue = typeof core
  & typeof server
  & typeof documents
  & typeof guides
  & typeof network
  & typeof uiForms
  & typeof attachments
  & typeof review
  & typeof uiScreens
  & typeof requests
  & typeof accounts
  & typeof security
  & typeof ops
  & typeof county
  & typeof federation
  & typeof dossier
  & typeof fields
  & typeof desk
  & typeof publicSide
  & typeof idCard
  & typeof committees
  & typeof court
  & typeof screening
  & typeof subsidy
  & typeof referral;

export type MessageKey = keyof Catalogue;
export type CoreMessageKey = keyof typeof core;
const loaded: Record<string, string> = { ...core };

/** Adds a section loaded later; app.tsx makes every lazy route wait for it. */
export function registerMessages(section: Readonly<Record<string, string>>): void {
  Object.assign(loaded, section);
}

export function isCoreMessage(key: string): boolean {
  return Object.hasOwn(core, key);
}

export type MessageParams = Record<string, string | number>;

/** Looks up a message and fills `{name}` placeholders; numbers are formatted for zh-CN. */
export function t(key: MessageKey, params?: MessageParams): string {
  // A key of a section not loaded yet shows as itself: visible in tests, never a crash.
  const template = loaded[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numberFormat().format(value) : value;
  });
}

// Made at its first use, not at load: the first Intl object a page creates loads the locale's
// data (~20 ms on a cheap phone), and a prerendered guide that fills in no number never needs it.
let numbers: Intl.NumberFormat | undefined;
const numberFormat = (): Intl.NumberFormat => (numbers ??= new Intl.NumberFormat('zh-CN', { useGrouping: false }));

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(loaded, key);
}
