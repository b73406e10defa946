// Attachments (photos of signed pages, evidence, IDs): the metadata is an append-only case event
// that syncs like any other (sync.md §2.7); the bytes travel separately, content-addressed by
// SHA-256, through PUT/GET /api/blobs/:sha256. What both sides must agree on lives here: the
// metadata schema, the size limits and the Content-Range format of a resumable upload.

import * as v from 'valibot';
import type { MessageKey } from './i18n/index.ts';

export const attachmentPurposes = ['签字页', '证据', '身份证明', '其他'] as const;
export type AttachmentPurpose = (typeof attachmentPurposes)[number];

/** Only raster images: the server sends bytes back with this type, so nothing scriptable (SVG, HTML). */
export const attachmentMimes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AttachmentMime = (typeof attachmentMimes)[number];

/** A readable A4 page photo after compression on the device. */
export const PHOTO_TARGET_BYTES = 400 * 1024;
/** Longest side of a compressed photo before quality is stepped down. */
export const PHOTO_LONG_SIDE = 1600;
/** The most one blob may hold on the server. */
export const MAX_BLOB_BYTES = 5 * 1024 * 1024;
/** The device uploads in pieces this size, so a cut connection loses at most one piece. */
export const BLOB_CHUNK_BYTES = 256 * 1024;
/** The most one PUT request may carry (a whole small blob, or one piece of a large one). */
export const MAX_CHUNK_BYTES = 1024 * 1024;

export interface AttachmentData {
  sha256: string;
  size: number;
  mime: AttachmentMime;
  /** The file name as chosen or given by the camera; display only. */
  name: string;
  purpose: AttachmentPurpose;
  /** When the photo was taken (device clock, display only). */
  takenAt: string;
}

export const isSha256Hex = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);

const k = (key: MessageKey) => key;

export const AttachmentSchema = v.strictObject({
  sha256: v.pipe(v.string(k('attach.invalid')), v.check(isSha256Hex, k('attach.invalid'))),
  size: v.pipe(v.number(k('attach.invalid')), v.integer(k('attach.invalid')), v.minValue(1, k('attach.invalid')), v.maxValue(MAX_BLOB_BYTES, k('blob.tooLarge'))),
  mime: v.picklist(attachmentMimes, k('attach.notImage')),
  name: v.pipe(v.string(k('attach.invalid')), v.maxLength(200, k('validation.tooLong'))),
  purpose: v.picklist(attachmentPurposes, k('attach.purpose')),
  takenAt: v.pipe(v.string(k('attach.invalid')), v.isoTimestamp(k('attach.invalid'))),
});

export interface ByteRange {
  /** First byte of the piece. */
  start: number;
  /** Last byte of the piece (inclusive, as HTTP writes it). */
  end: number;
  /** Size of the whole blob. */
  total: number;
}

export function formatContentRange(r: ByteRange): string {
  return `bytes ${r.start}-${r.end}/${r.total}`;
}

/** Parses `bytes start-end/total`; undefined for anything else (unknown totals included). */
export function parseContentRange(header: string): ByteRange | undefined {
  const match = /^bytes (\d{1,10})-(\d{1,10})\/(\d{1,10})$/.exec(header.trim());
  if (!match) return undefined;
  const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (end < start || end >= total) return undefined;
  return { start, end, total };
}

/** Warn before taking more photos when less than this is left… */
export const STORAGE_LOW_FREE_BYTES = 50 * 1024 * 1024;
/** …or when this share of the browser's quota is used. */
export const STORAGE_LOW_SHARE = 0.9;

export interface StorageUse {
  usage: number;
  quota: number;
}

export const freeBytes = (s: StorageUse): number => Math.max(0, s.quota - s.usage);

export function isStorageLow(s: StorageUse): boolean {
  return freeBytes(s) < STORAGE_LOW_FREE_BYTES || (s.quota > 0 && s.usage / s.quota > STORAGE_LOW_SHARE);
}
