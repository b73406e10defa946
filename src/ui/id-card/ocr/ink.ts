// A line box from the coarse map (./boxes.ts kernelBoxes) is right about where a line is but
// loose about its edges: a map pixel there is ~3 photo pixels, and its blurred kernels are fat,
// so the box comes out ~1.6× the text's height — the recogniser, which scales every crop to 48 px
// high, then sees small characters (土 read as 士, a 2-character name dropped). The photo itself
// has the exact edges: within the box, the rows and columns that hold ink.

import type { Box } from './boxes.ts';

/**
 * Margin kept around the ink, as a share of the ink's height: about what the detector's own
 * unclip leaves on the 640 px map (a 29 px character in a ~35 px box).
 */
const MARGIN = 0.17;
/**
 * A blank this wide (× the ink's height) splits a line into pieces. Between a label and its
 * value a card leaves about a character's width; inside a value the widest blank is the space of
 * 1960 年 8 月 (about half).
 */
const SPLIT = 0.75;

/**
 * The box shrunk to the ink of its own line, in pieces where the line has a wide blank. `rgba` is the box's pixels (w×h, from getImageData).
 * Ink is what is darker than halfway between the box's dark and light ends (5th and 95th
 * percentile of luminance), so uneven light across cards does not matter. The line is the run of
 * inked rows through the box's middle (a neighbouring line's edge, cut in by the loose box, lies
 * beyond a blank gap); its columns are then trimmed to their ink too. A box with no clear ink is
 * returned as it was.
 */
export function fitToInk(rgba: Uint8ClampedArray, box: Box): Box[] {
  const w = Math.round(box.w);
  const h = Math.round(box.h);
  if (w < 4 || h < 4 || rgba.length < w * h * 4) return [box];
  const lum = new Uint8Array(w * h);
  const histogram = new Uint32Array(256);
  for (let i = 0, at = 0; i < w * h; i++, at += 4) {
    const v = (rgba[at]! * 77 + rgba[at + 1]! * 150 + rgba[at + 2]! * 29) >> 8;
    lum[i] = v;
    histogram[v]!++;
  }
  const percentile = (p: number) => {
    let acc = 0;
    for (let v = 0; v < 256; v++) {
      acc += histogram[v]!;
      if (acc >= p * w * h) return v;
    }
    return 255;
  };
  const dark = percentile(0.05);
  const light = percentile(0.95);
  if (light - dark < 40) return [box];
  const threshold = (dark + light) / 2;

  const rows = new Uint32Array(h);
  for (let y = 0; y < h; y++) {
    let n = 0;
    for (let x = 0, i = y * w; x < w; x++, i++) if (lum[i]! < threshold) n++;
    rows[y] = n;
  }
  let peak = 0;
  for (const n of rows) if (n > peak) peak = n;
  if (peak === 0) return [box];
  // The line's rows: the inked run through the middle (or the fullest row near it).
  const blank = Math.max(1, peak * 0.04);
  let middle = h >> 1;
  if (rows[middle]! <= blank) {
    let best = -1;
    for (let y = Math.floor(h / 4); y < Math.ceil((3 * h) / 4); y++) if (best < 0 || rows[y]! > rows[best]!) best = y;
    if (best < 0 || rows[best]! <= blank) return [box];
    middle = best;
  }
  // A blank of a few rows inside the run is a character's own (口 over 丂 in 号, alone on an
  // address's third line); the blank between two lines is wider: ≥ ~0.2 of a loose box's height.
  const bridge = Math.max(2, Math.floor(0.1 * h));
  const inked = (y: number) => rows[y]! > blank;
  let top = middle;
  for (;;) {
    let k = 1;
    while (k <= bridge && top - k >= 0 && !inked(top - k)) k++;
    if (top - k < 0 || k > bridge) break;
    top -= k;
  }
  let bottom = middle;
  for (;;) {
    let k = 1;
    while (k <= bridge && bottom + k < h && !inked(bottom + k)) k++;
    if (bottom + k >= h || k > bridge) break;
    bottom += k;
  }
  const inkH = bottom - top + 1;
  if (inkH < 4) return [box];

  // Columns with ink in the line's rows (one dark pixel is noise, not a stroke); a blank run as
  // wide as SPLIT × the ink's height parts two pieces — a printed label and its value, 男 and 民族
  // — which the recogniser then reads apart (and a front's label column is not read at all).
  const pieces: [number, number][] = [];
  let start = -1;
  let last = -1;
  for (let x = 0; x < w; x++) {
    let n = 0;
    for (let y = top, i = top * w + x; y <= bottom; y++, i += w) if (lum[i]! < threshold) n++;
    if (n <= 1) continue;
    if (start < 0) start = x;
    else if (x - last - 1 >= SPLIT * inkH) {
      pieces.push([start, last]);
      start = x;
    }
    last = x;
  }
  if (start < 0) return [box];
  pieces.push([start, last]);
  const m = Math.ceil(MARGIN * inkH);
  const y0 = Math.max(0, top - m);
  const y1 = Math.min(h, bottom + 1 + m);
  return pieces.map(([left, right]) => {
    const x0 = Math.max(0, left - m);
    const x1 = Math.min(w, right + 1 + m);
    return { x: box.x + x0, y: box.y + y0, w: x1 - x0, h: y1 - y0, score: box.score };
  });
}

/**
 * The boxes without those that mostly lie inside a bigger one: a crumb of the coarse map (a
 * stroke of a line's first character found apart from it) fitted to the same ink would be read a
 * second time, and its text (5, 一) added to the line.
 */
export function withoutInner(boxes: readonly Box[]): Box[] {
  const area = (b: Box) => b.w * b.h;
  return boxes.filter((b) => !boxes.some((o) => {
    if (o === b || area(o) < area(b)) return false;
    if (area(o) === area(b) && boxes.indexOf(o) > boxes.indexOf(b)) return false;
    const w = Math.min(b.x + b.w, o.x + o.w) - Math.max(b.x, o.x);
    const h = Math.min(b.y + b.h, o.y + o.h) - Math.max(b.y, o.y);
    return w > 0 && h > 0 && w * h >= 0.5 * area(b);
  }));
}

/**
 * Boxes of one row that overlap joined into one: a line's last character found as a kernel of its
 * own (号 at the end of an address) overlaps the line's box, which ends inside it; read apart, the
 * piece's ink could be half the character (丂 of 号, read 亏) on a row of its own. Pieces that
 * fitToInk parted (a label and its value) never overlap: a blank lies between them.
 */
export function joinOverlapping(boxes: readonly Box[]): Box[] {
  const out = boxes.map((b) => ({ ...b }));
  for (let merged = true; merged;) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length && !merged; j++) {
        const a = out[i]!, b = out[j]!;
        const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        if (w <= 0 || h < 0.5 * Math.min(a.h, b.h)) continue;
        const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
        out[i] = { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y, score: Math.max(a.score, b.score) };
        out.splice(j, 1);
        merged = true;
      }
    }
  }
  return out.sort((a, b) => a.y - b.y || a.x - b.x);
}
