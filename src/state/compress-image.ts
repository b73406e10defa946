// Photos are shrunk on the device before they are stored: a phone camera's 3–8 MB picture becomes
// a JPEG of at most PHOTO_TARGET_BYTES that still reads as an A4 page — long side 1600 px first,
// quality stepped down, then smaller sizes only if that is not enough. Re-encoding also drops
// the camera's EXIF block (GPS position included), which should not travel with a case.
// `compressWith` is the plan alone (no canvas), so Node tests can run it with a fake encoder.

import { PHOTO_LONG_SIDE, PHOTO_TARGET_BYTES } from '../shared/attachments.ts';
import { DomainError } from '../db/errors.ts';

const QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45] as const;
/** Below this a page is no longer readable; the photo is kept as it is at this size. */
const MIN_LONG_SIDE = 1000;

/** Encodes the picture with its long side at `longSide` px and JPEG `quality` (0–1). */
export type Encoder<T extends { size: number }> = (longSide: number, quality: number) => Promise<T>;

export async function compressWith<T extends { size: number }>(encode: Encoder<T>, sourceLongSide: number, target = PHOTO_TARGET_BYTES): Promise<T> {
  let longSide = Math.min(sourceLongSide, PHOTO_LONG_SIDE);
  for (;;) {
    let last: T | undefined;
    for (const quality of QUALITIES) {
      last = await encode(longSide, quality);
      if (last.size <= target) return last;
    }
    if (longSide <= MIN_LONG_SIDE && last) return last;
    longSide = Math.max(MIN_LONG_SIDE, Math.round(longSide * 0.8));
  }
}

export interface CompressedPhoto {
  bytes: ArrayBuffer;
  mime: 'image/jpeg';
  width: number;
  height: number;
}

/** Decodes any image the browser can read (upright, per its EXIF orientation) and compresses it. */
export async function compressPhoto(file: Blob): Promise<CompressedPhoto> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new DomainError('attach.unreadable');
  }
  try {
    const sourceLong = Math.max(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    let drawnAt = 0;
    const encode: Encoder<Blob> = async (longSide, quality) => {
      if (drawnAt !== longSide) {
        const scale = Math.min(1, longSide / sourceLong);
        canvas.width = Math.max(1, Math.round(bitmap.width * scale));
        canvas.height = Math.max(1, Math.round(bitmap.height * scale));
        const g = canvas.getContext('2d');
        if (!g) throw new DomainError('attach.unreadable');
        // JPEG has no transparency: a PNG's clear background becomes white paper, not black.
        g.fillStyle = '#fff';
        g.fillRect(0, 0, canvas.width, canvas.height);
        g.imageSmoothingQuality = 'high';
        g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        drawnAt = longSide;
      }
      return new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new DomainError('attach.unreadable'))), 'image/jpeg', quality));
    };
    const blob = await compressWith(encode, sourceLong);
    return { bytes: await blob.arrayBuffer(), mime: 'image/jpeg', width: canvas.width, height: canvas.height };
  } finally {
    bitmap.close();
  }
}
