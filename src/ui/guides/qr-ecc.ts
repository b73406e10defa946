// Reed–Solomon error correction for the QR encoder (qr.ts): GF(256) with the polynomial 0x11D,
// the generator for a given degree, and the block split + interleave of ISO/IEC 18004 §7.6.

/** Splits `data` into `count` blocks of a `raw`-codeword symbol, appends each block's ECC, interleaves. */
export function addEcc(data: readonly number[], raw: number, count: number, eccLen: number): number[] {
  const shortCount = count - (raw % count);
  const shortLen = Math.floor(raw / count);
  const divisor = rsDivisor(eccLen);
  const all: number[][] = [];
  for (let i = 0, k = 0; i < count; i++) {
    const dat = data.slice(k, k + shortLen - eccLen + (i < shortCount ? 0 : 1));
    k += dat.length;
    const block = [...dat, ...rsRemainder(dat, divisor)];
    if (i < shortCount) block.splice(shortLen - eccLen, 0, -1); // placeholder keeps columns aligned
    all.push(block);
  }
  const out: number[] = [];
  for (let i = 0; i < (all[0]?.length ?? 0); i++) {
    for (const block of all) {
      const b = block[i];
      if (b !== undefined && b >= 0) out.push(b);
    }
  }
  return out;
}

function gfMul(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

function rsDivisor(degree: number): number[] {
  const result = new Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      result[j] = gfMul(result[j] ?? 0, root) ^ (result[j + 1] ?? 0);
    }
    root = gfMul(root, 0x02);
  }
  return result;
}

function rsRemainder(data: readonly number[], divisor: readonly number[]): number[] {
  const result = new Array<number>(divisor.length).fill(0);
  for (const b of data) {
    const factor = b ^ (result.shift() ?? 0);
    result.push(0);
    divisor.forEach((d, i) => (result[i] = (result[i] ?? 0) ^ gfMul(d, factor)));
  }
  return result;
}
