// Photo bytes on the device, keyed by their SHA-256, and the one way an attachment is added: the
// bytes, the metadata event and its outbox entry in ONE Dexie transaction (sync.md §2.7), so a
// case never lists a photo this device does not hold, nor holds a photo no case lists.
// Bytes are stored as an ArrayBuffer, not a Blob: some browsers have lost Blob values in
// IndexedDB (sync.md §2.7, Safari), and an ArrayBuffer clones everywhere.

import { uuidv7 } from 'uuidv7';
import type { AttachmentData, AttachmentMime, AttachmentPurpose } from '../shared/attachments.ts';
import type { CaseRecord } from '../shared/case.ts';
import type { ShuoheDb } from './schema.ts';
import { fromStored } from './schema.ts';
import { writeMutations, type WriteContext } from './write.ts';
import { DomainError, StorageFullError, isQuotaError } from './errors.ts';

/**
 * pending: on this device, not yet on the server (待上传); uploading: a transfer is under way or
 * was cut (上传中); uploaded: the server holds it — made here and sent, or downloaded (已上传);
 * failed: the last attempt went wrong (失败), see `error`.
 */
export type BlobState = 'pending' | 'uploading' | 'uploaded' | 'failed';

export interface StoredBlob {
  sha256: string;
  size: number;
  mime: AttachmentMime;
  state: BlobState;
  bytes: ArrayBuffer;
  /** The case whose attachment names it: the server scopes the upload and download by it. */
  caseId: string;
  /** Bytes the server has confirmed, for the progress of 上传中. */
  sent: number;
  /** The last failure in plain Chinese; null when none. */
  error: string | null;
  /** The server refused for good (hash or size wrong, no permission): only the user's 重试 re-queues it. */
  isRefused: boolean;
  storedAt: string;
}

export interface NewAttachment {
  bytes: ArrayBuffer;
  mime: AttachmentMime;
  name: string;
  purpose: AttachmentPurpose;
  takenAt: string;
}

/** Lower-case hex SHA-256 of `bytes` (Web Crypto; the page must be a secure context). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function attachmentEvent(ctx: WriteContext, record: CaseRecord, data: AttachmentData) {
  return {
    name: 'event.append' as const,
    args: {
      event: {
        kind: 'attachment' as const, data, id: uuidv7(), caseId: record.id, villageCode: record.villageCode,
        townCode: record.townCode, countyCode: record.countyCode, at: ctx.now().toISOString(), author: ctx.userId,
      },
    },
  };
}

/**
 * Stores the photo and appends its metadata event, all or nothing. The same photo twice on one
 * case is refused (attach.duplicate); on another case it shares the stored bytes.
 */
export async function addAttachment(ctx: WriteContext, caseId: string, input: NewAttachment): Promise<AttachmentData> {
  const { db } = ctx;
  // Hash before the transaction: awaiting Web Crypto inside it would commit it early.
  const sha256 = await sha256Hex(input.bytes);
  const data: AttachmentData = {
    sha256, size: input.bytes.byteLength, mime: input.mime, name: input.name.slice(0, 200), purpose: input.purpose, takenAt: input.takenAt,
  };
  try {
    // writeMutations opens its own transaction on a subset of these tables: Dexie runs it as a
    // child of this one, so the blob row commits together with the event and its outbox entry.
    await db.transaction('rw', [db.blobs, db.cases, db.events, db.outbox, db.meta], async () => {
      const stored = await db.cases.get(caseId);
      if (!stored) throw new DomainError('sync.caseMissing');
      const events = await db.events.where('caseId').equals(caseId).toArray();
      if (events.some((e) => e.kind === 'attachment' && e.data.sha256 === sha256)) throw new DomainError('attach.duplicate');
      if (!(await db.blobs.get(sha256))) {
        await db.blobs.add({
          sha256, size: data.size, mime: data.mime, state: 'pending', bytes: input.bytes, caseId, sent: 0, error: null,
          isRefused: false, storedAt: ctx.now().toISOString(),
        });
      }
      await writeMutations(ctx, caseId, [attachmentEvent(ctx, fromStored(stored), data)]);
    });
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error);
    throw error;
  }
  return data;
}

/** Keeps bytes fetched from the server (already checked against their hash by the caller). */
export async function cacheDownloaded(db: ShuoheDb, caseId: string, data: AttachmentData, bytes: ArrayBuffer, at: string): Promise<void> {
  await db.transaction('rw', db.blobs, async () => {
    if (await db.blobs.get(data.sha256)) return;
    await db.blobs.add({
      sha256: data.sha256, size: bytes.byteLength, mime: data.mime, state: 'uploaded', bytes, caseId, sent: bytes.byteLength,
      error: null, isRefused: false, storedAt: at,
    });
  });
}

/** The user's 重试: a failed upload goes back in the queue. */
export async function requeueBlob(db: ShuoheDb, sha256: string): Promise<void> {
  await db.blobs.where('sha256').equals(sha256).filter((b) => b.state === 'failed').modify({ state: 'pending', error: null, isRefused: false });
}

/** Blobs waiting to go up, oldest first; refused ones wait for the user's 重试. */
export async function uploadQueue(db: ShuoheDb): Promise<StoredBlob[]> {
  const rows = await db.blobs.where('state').anyOf(['pending', 'uploading', 'failed']).toArray();
  return rows.filter((b) => !b.isRefused).sort((a, b) => a.storedAt.localeCompare(b.storedAt));
}
