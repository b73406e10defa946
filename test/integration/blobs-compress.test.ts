// The compression plan without a canvas (Node has none): an injected encoder whose output size
// follows the pixel count and the quality, as JPEG roughly does. The real canvas path runs in
// Chromium in test/e2e/attachments.test.ts. Also the Content-Range format both ends share and the
// storage warning threshold.
import { describe, it, expect } from 'vitest';
import { compressWith } from '../../src/state/compress-image.ts';
import { PHOTO_TARGET_BYTES, formatContentRange, isStorageLow, parseContentRange } from '../../src/shared/attachments.ts';

/** A fake JPEG encoder: `bitsPerPixel` at quality 1, falling linearly with quality. */
function fakeEncoder(width: number, height: number, bitsPerPixel: number) {
  const calls: { longSide: number; quality: number; size: number }[] = [];
  const encode = async (longSide: number, quality: number) => {
    const scale = Math.min(1, longSide / Math.max(width, height));
    const size = Math.round((width * scale * height * scale * bitsPerPixel * quality) / 8);
    calls.push({ longSide, quality, size });
    return { size };
  };
  return { encode, calls };
}

describe('photo compression plan', () => {
  it('a phone photo (4000×3000) is drawn at 1600 px and stepped down in quality until ≤ 400 KB', async () => {
    const { encode, calls } = fakeEncoder(4000, 3000, 3);
    const out = await compressWith(encode, 4000);
    expect(out.size).toBeLessThanOrEqual(PHOTO_TARGET_BYTES);
    expect(calls.every((c) => c.longSide === 1600)).toBe(true);
    expect(calls.map((c) => c.quality)).toEqual([0.85, 0.75, 0.65, 0.55]);
  });

  it('a small, already light picture is kept at its size and the first quality', async () => {
    const { encode, calls } = fakeEncoder(800, 600, 2);
    await compressWith(encode, 800);
    expect(calls).toEqual([{ longSide: 800, quality: 0.85, size: expect.any(Number) }]);
  });

  it('when quality alone is not enough the size shrinks, but never below 1000 px (it stops there)', async () => {
    const heavy = fakeEncoder(4000, 3000, 6);
    const out = await compressWith(heavy.encode, 4000);
    expect(out.size).toBeLessThanOrEqual(PHOTO_TARGET_BYTES);
    expect([...new Set(heavy.calls.map((c) => c.longSide))]).toEqual([1600, 1280, 1024]);

    const hopeless = fakeEncoder(4000, 3000, 200);
    const last = await compressWith(hopeless.encode, 4000);
    expect(last.size).toBeGreaterThan(PHOTO_TARGET_BYTES);
    expect(Math.min(...hopeless.calls.map((c) => c.longSide))).toBe(1000);
  });
});

describe('Content-Range', () => {
  it('round-trips and refuses what is not a closed byte range inside the total', () => {
    expect(parseContentRange(formatContentRange({ start: 262144, end: 524287, total: 700000 }))).toEqual({ start: 262144, end: 524287, total: 700000 });
    for (const bad of ['bytes 0-9/*', 'bytes */100', 'bytes 10-5/100', 'bytes 0-100/100', 'items 0-1/2', 'bytes=0-9/10', 'bytes -1-5/10']) {
      expect(parseContentRange(bad), bad).toBeUndefined();
    }
  });
});

describe('storage warning', () => {
  const MB = 1024 * 1024;
  it('warns under 50 MB free or over 90 % used', () => {
    expect(isStorageLow({ usage: 100 * MB, quota: 2000 * MB })).toBe(false);
    expect(isStorageLow({ usage: 1970 * MB, quota: 2000 * MB })).toBe(true);
    expect(isStorageLow({ usage: 910 * MB, quota: 1000 * MB })).toBe(true);
    expect(isStorageLow({ usage: 10 * MB, quota: 40 * MB })).toBe(true);
  });
});
