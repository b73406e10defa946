// Test pictures without a canvas: a real PNG (RGB, 8 bits) drawn in memory. `page` looks like a
// photographed A4 page — off-white paper, lines of dark "text" strokes, a little sensor noise —
// so it compresses like one; `noise` is random pixels, the worst case for any codec.
import { deflateSync } from 'node:zlib';
import { mulberry32 } from '../../src/server/seed/random.ts';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function makePng(width: number, height: number, options: { seed?: number; pattern?: 'page' | 'noise' } = {}): Buffer {
  const rand = mulberry32(options.seed ?? 1); // same seed, same picture
  const isPage = (options.pattern ?? 'page') === 'page';
  const lineHeight = Math.max(8, Math.round(height / 40));
  const raw = Buffer.alloc((width * 3 + 1) * height);
  // Text strokes: per row band, a run of dark dashes with random gaps.
  const ink = (x: number, y: number): boolean => {
    const band = Math.floor(y / lineHeight);
    const inBand = y % lineHeight;
    if (inBand < lineHeight * 0.3 || inBand > lineHeight * 0.8) return false;
    if (x < width * 0.08 || x > width * 0.92) return false;
    const word = Math.floor(x / (lineHeight * 0.9));
    return ((word * 7 + band * 13) % 9 !== 0) && ((x + band * 3) % Math.max(3, Math.round(lineHeight / 3)) < 2);
  };
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const i = row + 1 + x * 3;
      if (!isPage) {
        raw[i] = (rand() * 256) | 0;
        raw[i + 1] = (rand() * 256) | 0;
        raw[i + 2] = (rand() * 256) | 0;
        continue;
      }
      const base = ink(x, y) ? 40 : 236;
      const n = ((rand() - 0.5) * 16) | 0;
      raw[i] = base + n;
      raw[i + 1] = base + n;
      raw[i + 2] = base - 6 + n;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}

/** The bytes as an ArrayBuffer of their own (what the device stores). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
