// ID-card photos a mediator chose to keep as evidence (扫描身份证's "保留身份证照片作为证据"). A
// scanned card belongs to a party of a form that may not be saved yet (受理 has no case until
// 保存), so the photos wait here, in this page's memory only, under the party's draft id, and
// become attachments of the case (身份证明, sealed and synced like any photo) when the form is
// saved. Nothing of them touches the disk before that: a form left unsaved, or a scan without
// the box ticked, leaves no trace of the image.

import { signal } from '@preact/signals';
import { addPhotos } from './attachments.ts';
import type { MessageKey } from '../shared/i18n/index.ts';

/** Kept photos by party draft id (a signal, so the party card shows how many wait). */
const waiting = signal<ReadonlyMap<string, readonly File[]>>(new Map());

function update(change: (m: Map<string, readonly File[]>) => void): void {
  const next = new Map(waiting.value);
  change(next);
  waiting.value = next;
}

/** Keeps a party's card photos (front, and back when taken) until its form is saved; replaces any kept before. */
export function keepIdCardPhotos(partyId: string, photos: readonly File[]): void {
  update((m) => (photos.length === 0 ? m.delete(partyId) : m.set(partyId, [...photos])));
}

/** Forgets a party's kept photos (the party removed, or scanned again without keeping). */
export function dropIdCardPhotos(partyId: string): void {
  update((m) => m.delete(partyId));
}

/** How many photos wait for this party (shown in its card, so the mediator knows). */
export function keptIdCardPhotoCount(partyId: string): number {
  return waiting.value.get(partyId)?.length ?? 0;
}

/**
 * Saves the kept photos of these parties as attachments of the saved case and forgets them.
 * Returns the message key of a failure (the case itself is saved either way).
 */
export async function attachKeptIdCardPhotos(caseId: string, partyIds: readonly string[]): Promise<MessageKey | undefined> {
  const files = partyIds.flatMap((id) => waiting.value.get(id) ?? []);
  if (files.length === 0) return undefined;
  const failed = await addPhotos(caseId, files, '身份证明');
  update((m) => { for (const id of partyIds) m.delete(id); });
  return failed;
}
