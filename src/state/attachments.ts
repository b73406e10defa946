// A case's attachments for the screen: its attachment events joined with the photo bytes this
// device holds, each with a status (待上传 / 上传中 / 已上传 / 失败, or not yet here). Photos the
// device lacks are downloaded when the case is shown (on demand, sync.md §2.7). Also the actions
// (add photos, retry, withdraw) and the storage estimate shown before more photos are taken.

import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentData, AttachmentPurpose, StorageUse } from '../shared/attachments.ts';
import { visibleEvents, type CaseEvent } from '../shared/events.ts';
import { t, type MessageKey } from '../shared/i18n/index.ts';
import { addAttachment, requeueBlob, type StoredBlob } from '../db/blobs.ts';
import { DomainError, StorageFullError } from '../db/errors.ts';
import { eventsOf } from '../db/queries.ts';
import { createBlobApi, downloadBlob } from '../sync/blobs.ts';
import { ApiError } from '../sync/http.ts';
import { db, isOnline, profile, writeContext } from './app-state.ts';
import { withdrawAttachment } from './withdraw-photo.ts';
import { session } from './session.ts';
import { syncNow } from './sync.ts';
import { syncStatus } from './sync-status.ts';
import { useLive } from './live.ts';
import { compressPhoto } from './compress-image.ts';

export type AttachmentStatus = 'pending' | 'uploading' | 'uploaded' | 'failed' | 'remote' | 'downloading' | 'missing';

export interface AttachmentItem {
  eventId: string;
  data: AttachmentData;
  status: AttachmentStatus;
  /** Plain-Chinese reason of a failure or a wait. */
  note: string | null;
  /** 0–1 while uploading. */
  progress: number;
  /** An object URL of the bytes when this device has them. */
  url: string | undefined;
}

type AttachmentEvent = CaseEvent & { kind: 'attachment' };

interface Row {
  event: AttachmentEvent;
  blob: StoredBlob | undefined;
}

async function readRows(caseId: string): Promise<Row[]> {
  const events = visibleEvents(await eventsOf(db, caseId)).filter((e): e is AttachmentEvent => e.kind === 'attachment');
  const blobs = await db.blobs.bulkGet(events.map((e) => e.data.sha256));
  return events.map((event, i) => ({ event, blob: blobs[i] })).reverse();
}

type Download = { status: 'downloading' | 'missing' | 'remote'; note: string | null };

function blobApi() {
  return createBlobApi(fetch.bind(globalThis), '', () => session.value?.token);
}

/** Fetches one photo; resolves to what to show if it could not be had (undefined = cached now). */
async function fetchMissing(caseId: string, data: AttachmentData): Promise<Download | undefined> {
  try {
    await downloadBlob(db, blobApi(), caseId, data, () => new Date());
    return undefined;
  } catch (error) {
    const api = error instanceof ApiError ? error : undefined;
    return { status: api?.code === 'blob.notUploaded' ? 'missing' : 'remote', note: api?.message ?? t('error.unknown') };
  }
}

export interface CaseAttachments {
  items: AttachmentItem[];
  loaded: boolean;
  /** Photos made on this device that the server does not have yet. */
  notUploaded: number;
  /** The viewer's 重试 for a photo this device could not fetch. */
  retryDownload: (data: AttachmentData) => void;
}

export function useAttachments(caseId: string): CaseAttachments {
  const live = useLive(() => readRows(caseId), [caseId]);
  const urls = useRef(new Map<string, string>());
  // Per screen: a photo that could not be fetched is tried again the next time the case is opened.
  const [downloads, setDownloads] = useState<Record<string, Download>>({});
  const started = useRef(new Set<string>());
  useEffect(() => {
    const made = urls.current;
    return () => {
      for (const url of made.values()) URL.revokeObjectURL(url);
      made.clear();
    };
  }, []);
  const rows = live.value ?? [];
  const online = isOnline.value;
  const signedIn = session.value !== undefined;
  const isSyncing = syncStatus.value.phase === 'syncing';

  const download = (data: AttachmentData) => {
    started.current.add(data.sha256);
    setDownloads((d) => ({ ...d, [data.sha256]: { status: 'downloading', note: null } }));
    void fetchMissing(caseId, data).then((failed) =>
      setDownloads((d) => {
        const { [data.sha256]: _done, ...rest } = d;
        return failed ? { ...rest, [data.sha256]: failed } : rest;
      }));
  };
  useEffect(() => {
    if (!online || !signedIn) return;
    for (const r of rows) if (!r.blob && !started.current.has(r.event.data.sha256)) download(r.event.data);
  }, [rows, online, signedIn]);

  const items = rows.map(({ event, blob }): AttachmentItem => {
    const { sha256 } = event.data;
    let url = urls.current.get(sha256);
    if (blob && !url) {
      // The bytes of a hash never change, so one URL per hash serves every re-render.
      url = URL.createObjectURL(new Blob([blob.bytes], { type: blob.mime }));
      urls.current.set(sha256, url);
    }
    const base = { eventId: event.id, data: event.data, url };
    if (blob) {
      // An upload cut by a closed app stays 'uploading' until the next pass: show it as waiting.
      const status = blob.state === 'uploading' && !isSyncing ? 'pending' : blob.state;
      return { ...base, status, note: blob.error, progress: blob.size > 0 ? blob.sent / blob.size : 0 };
    }
    const state = downloads[sha256];
    return { ...base, status: state?.status ?? 'remote', note: state?.note ?? null, progress: 0 };
  });
  const notUploaded = items.filter((i) => i.status === 'pending' || i.status === 'uploading' || i.status === 'failed').length;
  return { items, loaded: live.loaded, notUploaded, retryDownload: download };
}

/** The user's 重试 on a failed upload: back in the queue, and sync now. */
export async function retryUpload(sha256: string): Promise<void> {
  await requeueBlob(db, sha256);
  syncNow();
}

export const storageUse = signal<StorageUse | undefined>(undefined);

/** Reads the browser's storage estimate (absent in some browsers: then nothing is shown). */
export async function refreshStorage(): Promise<void> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  if (estimate?.quota === undefined || estimate.usage === undefined) return;
  storageUse.value = { usage: estimate.usage, quota: estimate.quota };
}

function jpegName(name: string): string {
  const stem = name.replace(/\.[^.]*$/, '').trim() || '照片';
  return `${stem.slice(0, 80)}.jpg`;
}

/**
 * Compresses and saves each photo with its metadata (one transaction per photo). Returns the
 * message key of the first failure, or undefined when all were saved.
 */
export async function addPhotos(caseId: string, files: readonly File[], purpose: AttachmentPurpose): Promise<MessageKey | undefined> {
  try {
    for (const file of files) {
      if (file.type !== '' && !file.type.startsWith('image/')) throw new DomainError('attach.notImage');
      const photo = await compressPhoto(file);
      const takenAt = new Date(Number.isFinite(file.lastModified) && file.lastModified > 0 ? file.lastModified : Date.now()).toISOString();
      await addAttachment(writeContext(), caseId, { bytes: photo.bytes, mime: photo.mime, name: jpegName(file.name), purpose, takenAt });
    }
    return undefined;
  } catch (error) {
    if (error instanceof StorageFullError) return error.messageKey;
    if (error instanceof DomainError) return error.code;
    throw error;
  } finally {
    void refreshStorage();
  }
}

/** The user's 撤回 in the photo viewer: as the signed-in person, on this phone (withdraw-photo.ts). */
export async function withdrawPhoto(caseId: string, attachmentEventId: string, reason: string): Promise<void> {
  const ctx = writeContext();
  // The name a colleague recognises: the account's, else the name this phone was set up with.
  const who = session.value?.me.user.displayName ?? profile.value?.name ?? t('attach.withdraw.someone');
  await withdrawAttachment(ctx, caseId, attachmentEventId, reason, who);
}
