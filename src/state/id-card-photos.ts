// ID-card photos a mediator chose to keep as evidence (扫描身份证's "保留身份证照片作为证据"). A
// scanned card belongs to a party of a form that may not be saved yet (受理 has no case until
// 保存), so the photos wait under the party's draft id and become attachments of the case
// (身份证明, sealed and synced like any photo) when the form is saved. They wait with the form's
// draft: in memory, and written beside it (db/settings.ts drafts: sealed with the data key once
// the device has a PIN, wiped with the drafts), so a reload, a crash or an app update before 保存
// keeps them as it keeps the typed fields. A scan without the box ticked leaves no trace of the image.

import { signal } from '@preact/signals';
import { addPhotos } from './attachments.ts';
import { clearDraft, loadDraft, saveDraft } from '../db/settings.ts';
import type { MessageKey } from '../shared/i18n/index.ts';

/** Kept photos by party draft id (a signal, so the party card shows how many wait). */
const waiting = signal<ReadonlyMap<string, readonly File[]>>(new Map());
/** Parties whose kept photos are written beside the draft (the card says so). */
const written = signal<ReadonlySet<string>>(new Set());
/** Parties whose stored photos were looked for since this page loaded. */
const looked = new Set<string>();
/** Writes in order per party, so a later choice never lands before an earlier one. */
const queue = new Map<string, Promise<void>>();

const draftName = (partyId: string) => `id-card-photos:${partyId}`;

/** A photo as the draft stores it: JSON, so it is sealed and wiped like every draft. */
interface StoredPhoto {
  name: string;
  type: string;
  base64: string;
}

async function toStored(file: File): Promise<StoredPhoto> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode(...all) overflows the stack on a phone photo's megabytes.
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return { name: file.name, type: file.type, base64: btoa(binary) };
}

function fromStored(p: StoredPhoto): File {
  const binary = atob(p.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new File([bytes], p.name, { type: p.type });
}

function update(change: (m: Map<string, readonly File[]>) => void): void {
  const next = new Map(waiting.value);
  change(next);
  waiting.value = next;
}

function markWritten(partyId: string, yes: boolean): void {
  const next = new Set(written.value);
  if (yes) next.add(partyId);
  else next.delete(partyId);
  written.value = next;
}

/** Runs a write of this party's stored photos after the ones before it. */
function enqueue(partyId: string, write: () => Promise<void>): Promise<void> {
  const next = (queue.get(partyId) ?? Promise.resolve()).then(write, write);
  queue.set(partyId, next.catch(() => undefined));
  return next;
}

/** Keeps a party's card photos (front, and back when taken) until its form is saved; replaces any kept before. */
export function keepIdCardPhotos(partyId: string, photos: readonly File[]): void {
  if (photos.length === 0) return dropIdCardPhotos(partyId);
  looked.add(partyId);
  update((m) => m.set(partyId, [...photos]));
  markWritten(partyId, false);
  void enqueue(partyId, async () => {
    await saveDraft(draftName(partyId), await Promise.all(photos.map(toStored)));
    // Only if these are still the photos waiting (not replaced or dropped meanwhile).
    if (waiting.value.get(partyId)?.[0] === photos[0]) markWritten(partyId, true);
  }).catch(() => undefined); // Locked meanwhile: they still wait in memory, and the card does not say "written".
}

/** Forgets a party's kept photos (the party removed, the form started over). */
export function dropIdCardPhotos(partyId: string): void {
  looked.add(partyId);
  update((m) => m.delete(partyId));
  markWritten(partyId, false);
  void enqueue(partyId, () => clearDraft(draftName(partyId))).catch(() => undefined);
}

/**
 * Brings back the photos kept for these parties before a reload (their form's draft was
 * restored with the same party ids). Each party is looked up once per page.
 */
export async function restoreIdCardPhotos(partyIds: readonly string[]): Promise<void> {
  for (const id of partyIds) {
    if (looked.has(id)) continue;
    looked.add(id);
    const stored = await loadDraft<StoredPhoto[]>(draftName(id)).catch(() => undefined);
    if (!stored || stored.length === 0 || waiting.value.has(id)) continue;
    update((m) => m.set(id, stored.map(fromStored)));
    markWritten(id, true);
  }
}

/** How many photos wait for this party (shown in its card, so the mediator knows). */
export function keptIdCardPhotoCount(partyId: string): number {
  return waiting.value.get(partyId)?.length ?? 0;
}

/** True once this party's kept photos are written beside the draft (a reload keeps them). */
export function idCardPhotosWritten(partyId: string): boolean {
  return written.value.has(partyId);
}

/**
 * Saves the kept photos of these parties as attachments of the saved case and forgets them.
 * Returns the message key of a failure (the case itself is saved either way).
 */
export async function attachKeptIdCardPhotos(caseId: string, partyIds: readonly string[]): Promise<MessageKey | undefined> {
  const files = partyIds.flatMap((id) => waiting.value.get(id) ?? []);
  if (files.length === 0) return undefined;
  const failed = await addPhotos(caseId, files, '身份证明');
  for (const id of partyIds) if (waiting.value.has(id)) dropIdCardPhotos(id);
  return failed;
}
