// A small QR Code encoder (ISO/IEC 18004) for one job: a guide's link, so another phone can scan
// it off the screen. Byte mode, error-correction level M, versions 1–10 (up to 213 bytes), the
// mask chosen by the standard's penalty rules. It follows Project Nayuki's reference design
// (MIT); error correction is in qr-ecc.ts; test/unit/qr.test.ts checks it module for module against known-good symbols.

import { addEcc } from './qr-ecc.ts';

export type QrMatrix = readonly (readonly boolean[])[];

// Level M, indexed by version (index 0 unused): error-correction bytes per block, block count.
const ECC_PER_BLOCK = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26];
const BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5];
const FORMAT_ECC_M = 0;
const MAX_VERSION = 10;

/** Encodes UTF-8 `text`; throws RangeError when it does not fit in version 10. */
export function encodeQr(text: string, forcedMask?: number): QrMatrix {
  const data = new TextEncoder().encode(text);
  let version = 1;
  while (dataCapacity(version) < headerBits(version, data.length) / 8) {
    if (++version > MAX_VERSION) throw new RangeError('QR: text too long');
  }
  const qr = new QrSymbol(version);
  qr.drawCodewords(addEcc(dataCodewords(version, data), Math.floor(rawModules(version) / 8), blocks(version), ecc(version)));
  let mask = forcedMask ?? 0;
  if (forcedMask === undefined) {
    let best = Infinity;
    for (let m = 0; m < 8; m++) {
      qr.applyMask(m);
      qr.drawFormat(m);
      const score = qr.penalty();
      if (score < best) [best, mask] = [score, m];
      qr.applyMask(m); // XOR again undoes it
    }
  }
  qr.applyMask(mask);
  qr.drawFormat(mask);
  return qr.modules;
}

const rawModules = (v: number): number => {
  let n = (16 * v + 128) * v + 64;
  if (v >= 2) {
    const align = Math.floor(v / 7) + 2;
    n -= (25 * align - 10) * align - 55;
    if (v >= 7) n -= 36;
  }
  return n;
};
const ecc = (v: number) => ECC_PER_BLOCK[v] ?? 0;
const blocks = (v: number) => BLOCKS[v] ?? 1;
const dataCapacity = (v: number) => Math.floor(rawModules(v) / 8) - ecc(v) * blocks(v);
const countBits = (v: number) => (v <= 9 ? 8 : 16);
const headerBits = (v: number, bytes: number) => 4 + countBits(v) + 8 * bytes;
const bit = (x: number, i: number) => ((x >>> i) & 1) !== 0;

function dataCodewords(version: number, data: Uint8Array): number[] {
  const bits: number[] = [];
  const push = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  push(0b0100, 4); // byte mode
  push(data.length, countBits(version));
  for (const b of data) push(b, 8);
  const capacityBits = dataCapacity(version) * 8;
  push(0, Math.min(4, capacityBits - bits.length)); // terminator
  push(0, (8 - (bits.length % 8)) % 8);
  for (let pad = 0xec; bits.length < capacityBits; pad ^= 0xec ^ 0x11) push(pad, 8);
  const out: number[] = [];
  for (let i = 0; i < bits.length; i += 8) out.push(bits.slice(i, i + 8).reduce((acc, b) => (acc << 1) | b, 0));
  return out;
}

class QrSymbol {
  readonly size: number;
  readonly modules: boolean[][];
  private readonly isFunction: boolean[][];

  constructor(readonly version: number) {
    this.size = version * 4 + 17;
    this.modules = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false));
    this.isFunction = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false));
    this.drawFunctionPatterns();
  }

  private set(x: number, y: number, dark: boolean): void {
    const row = this.modules[y];
    const fn = this.isFunction[y];
    if (row && fn) [row[x], fn[x]] = [dark, true];
  }

  private drawFunctionPatterns(): void {
    const n = this.size;
    for (let i = 0; i < n; i++) {
      this.set(6, i, i % 2 === 0);
      this.set(i, 6, i % 2 === 0);
    }
    for (const [x, y] of [[3, 3], [n - 4, 3], [3, n - 4]] as const) {
      for (let dy = -4; dy <= 4; dy++) {
        for (let dx = -4; dx <= 4; dx++) {
          const dist = Math.max(Math.abs(dx), Math.abs(dy));
          if (x + dx >= 0 && x + dx < n && y + dy >= 0 && y + dy < n) this.set(x + dx, y + dy, dist !== 2 && dist !== 4);
        }
      }
    }
    const align = this.alignmentPositions();
    align.forEach((x, i) =>
      align.forEach((y, j) => {
        const last = align.length - 1;
        if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
        for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) this.set(x + dx, y + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }),
    );
    this.drawFormat(0); // reserves the format area; the real bits are drawn once the mask is known
    this.drawVersion();
  }

  private alignmentPositions(): number[] {
    if (this.version === 1) return [];
    const count = Math.floor(this.version / 7) + 2;
    const step = Math.ceil((this.version * 4 + 4) / (count * 2 - 2)) * 2;
    const out = [6];
    for (let pos = this.size - 7; out.length < count; pos -= step) out.splice(1, 0, pos);
    return out;
  }

  drawFormat(mask: number): void {
    const data = (FORMAT_ECC_M << 3) | mask;
    let rem = data;
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    const bits = ((data << 10) | rem) ^ 0x5412;
    const n = this.size;
    for (let i = 0; i <= 5; i++) this.set(8, i, bit(bits, i));
    this.set(8, 7, bit(bits, 6));
    this.set(8, 8, bit(bits, 7));
    this.set(7, 8, bit(bits, 8));
    for (let i = 9; i < 15; i++) this.set(14 - i, 8, bit(bits, i));
    for (let i = 0; i < 8; i++) this.set(n - 1 - i, 8, bit(bits, i));
    for (let i = 8; i < 15; i++) this.set(8, n - 15 + i, bit(bits, i));
    this.set(8, n - 8, true); // the dark module
  }

  private drawVersion(): void {
    if (this.version < 7) return;
    let rem = this.version;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const bits = (this.version << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const a = this.size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      this.set(a, b, bit(bits, i));
      this.set(b, a, bit(bits, i));
    }
  }

  // Places the bits in the two-column zigzag from the bottom right, skipping function modules.
  drawCodewords(codewords: readonly number[]): void {
    const n = this.size;
    let i = 0;
    for (let right = n - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (let vert = 0; vert < n; vert++) {
        for (let j = 0; j < 2; j++) {
          const x = right - j;
          const y = ((right + 1) & 2) === 0 ? n - 1 - vert : vert;
          const row = this.modules[y];
          if (row && !this.isFunction[y]?.[x] && i < codewords.length * 8) {
            row[x] = bit(codewords[i >>> 3] ?? 0, 7 - (i & 7));
            i++;
          }
        }
      }
    }
  }

  applyMask(mask: number): void {
    const test = MASKS[mask] ?? MASKS[0];
    this.modules.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (!this.isFunction[y]?.[x] && test?.(x, y)) row[x] = !dark;
      }),
    );
  }

  /** The standard's penalty: runs, 2×2 blocks, finder-like patterns, dark/light balance. */
  penalty(): number {
    const n = this.size;
    const at = (x: number, y: number) => this.modules[y]?.[x] ?? false;
    let score = 0;
    for (const horizontal of [true, false]) {
      for (let a = 0; a < n; a++) {
        let color = false;
        let run = 0;
        const history = [0, 0, 0, 0, 0, 0, 0];
        for (let b = 0; b < n; b++) {
          const dark = horizontal ? at(b, a) : at(a, b);
          if (dark === color) {
            run++;
            if (run === 5) score += 3;
            else if (run > 5) score++;
          } else {
            addHistory(run, history, n);
            if (!color) score += finderLike(history) * 40;
            color = dark;
            run = 1;
          }
        }
        if (color) {
          addHistory(run, history, n);
          run = 0;
        }
        addHistory(run + n, history, n);
        score += finderLike(history) * 40;
      }
    }
    let darkCount = 0;
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        if (at(x, y)) darkCount++;
        if (x < n - 1 && y < n - 1 && at(x, y) === at(x + 1, y) && at(x, y) === at(x, y + 1) && at(x, y) === at(x + 1, y + 1)) score += 3;
      }
    }
    const total = n * n;
    return score + (Math.ceil(Math.abs(darkCount * 20 - total * 10) / total) - 1) * 10;
  }
}

function addHistory(run: number, history: number[], size: number): void {
  history.pop();
  history.unshift(history[0] === 0 ? run + size : run); // the light border before the first run
}

function finderLike(h: readonly number[]): number {
  const [h0 = 0, n = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0] = h;
  const core = n > 0 && h2 === n && h3 === n * 3 && h4 === n && h5 === n;
  return (core && h0 >= n * 4 && h6 >= n ? 1 : 0) + (core && h6 >= n * 4 && h0 >= n ? 1 : 0);
}

const MASKS: readonly ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];
