// DB text detection's post-processing without OpenCV: threshold the probability map, label its
// connected regions, keep those the model is sure of, and grow each axis-aligned box by the DB
// "unclip" margin (the model predicts a shrunk text kernel). A card's lines are nearly horizontal,
// so axis-aligned boxes are enough; a tilted photo is the mediator's to retake.

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
}

export interface BoxOptions {
  /** Pixel probability above which a pixel is text (PaddleOCR: 0.3). */
  threshold: number;
  /** Mean probability a region must reach to be kept (PaddleOCR: 0.6). */
  boxThreshold: number;
  /** DB unclip ratio (PaddleOCR: 1.5). */
  unclipRatio: number;
  minSize: number;
}

export const defaultBoxOptions: BoxOptions = { threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, minSize: 3 };

/** The text boxes of a width×height probability map, in map pixels, top to bottom. */
export function boxesFromProbMap(prob: ArrayLike<number>, width: number, height: number, o: BoxOptions = defaultBoxOptions): Box[] {
  const labels = new Int32Array(width * height);
  const stack: number[] = [];
  const boxes: Box[] = [];
  let next = 0;
  for (let start = 0; start < width * height; start++) {
    if (labels[start] !== 0 || (prob[start] ?? 0) <= o.threshold) continue;
    next++;
    labels[start] = next;
    stack.push(start);
    let minX = width, minY = height, maxX = -1, maxY = -1, sum = 0, count = 0;
    while (stack.length > 0) {
      const i = stack.pop() ?? 0;
      const x = i % width;
      const y = (i - x) / width;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      sum += prob[i] ?? 0;
      count++;
      // 4-neighbours: enough for text kernels and never bridges two lines by a corner.
      const around = [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1];
      for (const j of around) {
        if (j >= 0 && labels[j] === 0 && (prob[j] ?? 0) > o.threshold) {
          labels[j] = next;
          stack.push(j);
        }
      }
    }
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    const score = sum / count;
    if (Math.min(w, h) < o.minSize || score < o.boxThreshold) continue;
    // Unclip: offset the polygon by area × ratio / perimeter (PaddleOCR's DBPostProcess).
    const d = (w * h * o.unclipRatio) / (2 * (w + h));
    const x0 = Math.max(0, Math.floor(minX - d));
    const y0 = Math.max(0, Math.floor(minY - d));
    const x1 = Math.min(width, Math.ceil(maxX + 1 + d));
    const y1 = Math.min(height, Math.ceil(maxY + 1 + d));
    boxes.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0, score });
  }
  return boxes.sort((a, b) => a.y - b.y || a.x - b.x);
}

/** Pieces of text on one visual row joined left to right, rows top to bottom. */
export function joinRows(pieces: readonly { box: Box; text: string }[]): string[] {
  const sorted = [...pieces].sort((a, b) => a.box.y + a.box.h / 2 - (b.box.y + b.box.h / 2));
  const rows: { centre: number; height: number; items: { box: Box; text: string }[] }[] = [];
  for (const p of sorted) {
    const centre = p.box.y + p.box.h / 2;
    const row = rows.find((r) => Math.abs(r.centre - centre) < Math.min(r.height, p.box.h) / 2);
    if (row) row.items.push(p);
    else rows.push({ centre, height: p.box.h, items: [p] });
  }
  return rows.map((r) => r.items.sort((a, b) => a.box.x - b.box.x).map((x) => x.text).join(' ')).filter((l) => l.trim() !== '');
}

/** CTC greedy decoding: best class per step, repeats merged, blanks (class 0) dropped. */
export function ctcGreedy(logits: ArrayLike<number>, steps: number, classes: number, dictionary: readonly string[]): string {
  let out = '';
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let c = 0; c < classes; c++) {
      const v = logits[t * classes + c] ?? -Infinity;
      if (v > bestValue) { bestValue = v; best = c; }
    }
    if (best !== 0 && best !== previous) out += dictionary[best - 1] ?? '';
    previous = best;
  }
  return out;
}

export interface TextLayout {
  /** The tilt of the text lines in degrees (clockwise positive, as the image's y runs down). */
  angle: number;
  /** The axis-aligned region all text falls in, in map pixels (undefined when none was found). */
  region: { x: number; y: number; w: number; h: number } | undefined;
}

/** One connected text kernel of a probability map: its pixels (map coordinates) and mean score. */
export interface Kernel {
  xs: Int32Array;
  ys: Int32Array;
  score: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The connected regions of a map above `threshold` (4-neighbours), top to bottom. */
export function kernelsOf(prob: ArrayLike<number>, width: number, height: number, threshold = 0.3): Kernel[] {
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const kernels: Kernel[] = [];
  for (let start = 0; start < width * height; start++) {
    if (seen[start] !== 0 || (prob[start] ?? 0) <= threshold) continue;
    seen[start] = 1;
    stack.push(start);
    const xs: number[] = [];
    const ys: number[] = [];
    let sum = 0;
    let minX = width, minY = height, maxX = -1, maxY = -1;
    while (stack.length > 0) {
      const i = stack.pop() ?? 0;
      const x = i % width;
      const y = (i - x) / width;
      xs.push(x);
      ys.push(y);
      sum += prob[i] ?? 0;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const around = [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1];
      for (const j of around) {
        if (j >= 0 && seen[j] === 0 && (prob[j] ?? 0) > threshold) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    kernels.push({ xs: Int32Array.from(xs), ys: Int32Array.from(ys), score: sum / xs.length, minX, minY, maxX, maxY });
  }
  return kernels;
}

/**
 * How the text of a probability map lies: each text kernel is a long thin region along its line,
 * so its orientation (from its second moments) is the line's tilt; the median over the longer
 * regions, weighted by size, is the card's. This finds a card photographed on a table at an
 * angle, and where on the photo it is, without OpenCV.
 */
export function layoutOfKernels(kernels: readonly Kernel[]): TextLayout {
  const angles: { angle: number; weight: number }[] = [];
  let rx0 = Infinity, ry0 = Infinity, rx1 = -1, ry1 = -1;
  for (const k of kernels) {
    const n = k.xs.length;
    if (n < 12) continue;
    if (k.minX < rx0) rx0 = k.minX;
    if (k.minY < ry0) ry0 = k.minY;
    if (k.maxX > rx1) rx1 = k.maxX;
    if (k.maxY > ry1) ry1 = k.maxY;
    let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (let i = 0; i < n; i++) {
      const x = k.xs[i]!, y = k.ys[i]!;
      sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
    }
    const mx = sx / n, my = sy / n;
    const cxx = sxx / n - mx * mx, cyy = syy / n - my * my, cxy = sxy / n - mx * my;
    const spread = Math.sqrt((cxx - cyy) ** 2 + 4 * cxy * cxy);
    const major = (cxx + cyy + spread) / 2;
    const minor = (cxx + cyy - spread) / 2;
    // Only clearly elongated regions say which way a line runs (a lone character does not).
    if (minor <= 0 || major / minor < 9) continue;
    const angle = (0.5 * Math.atan2(2 * cxy, cxx - cyy) * 180) / Math.PI;
    if (Math.abs(angle) <= 30) angles.push({ angle, weight: n });
  }
  angles.sort((a, b) => a.angle - b.angle);
  const total = angles.reduce((s, a) => s + a.weight, 0);
  let acc = 0;
  let angle = 0;
  for (const a of angles) {
    acc += a.weight;
    if (acc >= total / 2) { angle = a.angle; break; }
  }
  return { angle, region: rx1 < 0 ? undefined : { x: rx0, y: ry0, w: rx1 - rx0 + 1, h: ry1 - ry0 + 1 } };
}

/**
 * The line boxes of kernels found on a coarse map, in another frame (the levelled card): each
 * kernel's pixels are carried over by `toFrame` (map pixel centre → frame point), so the box is
 * the kernel's extent along the levelled lines, not the axis-aligned box of a tilted one. Each
 * map pixel stands for `cell` frame pixels; the box is then grown by DB's unclip margin as
 * boxesFromProbMap does, and clipped to the frame.
 */
export function kernelBoxes(kernels: readonly Kernel[], toFrame: (x: number, y: number) => [number, number], cell: number, frame: { w: number; h: number }, o: BoxOptions = defaultBoxOptions): Box[] {
  const boxes: Box[] = [];
  for (const k of kernels) {
    if (Math.min(k.maxX - k.minX + 1, k.maxY - k.minY + 1) < o.minSize || k.score < o.boxThreshold) continue;
    let u0 = Infinity, v0 = Infinity, u1 = -Infinity, v1 = -Infinity;
    for (let i = 0; i < k.xs.length; i++) {
      const [u, v] = toFrame(k.xs[i]! + 0.5, k.ys[i]! + 0.5);
      if (u < u0) u0 = u;
      if (u > u1) u1 = u;
      if (v < v0) v0 = v;
      if (v > v1) v1 = v;
    }
    u0 -= cell / 2; v0 -= cell / 2; u1 += cell / 2; v1 += cell / 2;
    const w = u1 - u0;
    const h = v1 - v0;
    const d = (w * h * o.unclipRatio) / (2 * (w + h));
    const x0 = Math.max(0, Math.floor(u0 - d));
    const y0 = Math.max(0, Math.floor(v0 - d));
    const x1 = Math.min(frame.w, Math.ceil(u1 + d));
    const y1 = Math.min(frame.h, Math.ceil(v1 + d));
    if (x1 - x0 < 2 || y1 - y0 < 2) continue;
    boxes.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0, score: k.score });
  }
  return boxes.sort((a, b) => a.y - b.y || a.x - b.x);
}
