// Line boxes without a second detection: the coarse map's kernels carried onto the levelled card
// (kernelBoxes), fitted to the photo's ink and parted at wide blanks (fitToInk), crumbs dropped
// (withoutInner).
import { describe, expect, it } from 'vitest';
import { kernelBoxes, kernelsOf, type Box } from '../../src/ui/id-card/ocr/boxes.ts';
import { fitToInk, joinOverlapping, withoutInner } from '../../src/ui/id-card/ocr/ink.ts';

/** A w×h RGBA image: a ground (left to right from `light` to `far`), dark rectangles on it. */
function image(w: number, h: number, rects: { x: number; y: number; w: number; h: number }[], light = 235, far = light): Uint8ClampedArray {
  const px = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inked = rects.some((r) => x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h);
      const v = inked ? 30 : Math.round(light + ((far - light) * x) / (w - 1));
      px.set([v, v, v, 255], (y * w + x) * 4);
    }
  }
  return px;
}

const box = (x: number, y: number, w: number, h: number): Box => ({ x, y, w, h, score: 0.9 });

describe('kernelBoxes', () => {
  it('carries each kernel onto the frame, grows it by the unclip margin and clips it to the frame', () => {
    const m = new Float32Array(100 * 50);
    for (let y = 10; y < 15; y++) for (let x = 20; x < 60; x++) m[y * 100 + x] = 0.9;
    // A map pixel is 2 frame pixels; the frame is shifted 10 px left of the map's origin.
    const boxes = kernelBoxes(kernelsOf(m, 100, 50), (x, y) => [2 * x - 10, 2 * y], 2, { w: 150, h: 100 });
    expect(boxes).toHaveLength(1);
    // Kernel 40×5 map px → 80×10 frame px at (30, 20); d = 80 × 10 × 1.5 / (2 × 90) ≈ 6.7.
    expect(boxes[0]).toMatchObject({ x: 23, y: 13, w: 94, h: 24 });
  });

  it('gives a tilted kernel the box of its line levelled, not of its tilt', () => {
    const m = new Float32Array(200 * 100);
    const turn = (10 * Math.PI) / 180;
    // A 100×6 line turned 10° about (100, 50).
    for (let y = 0; y < 100; y++) {
      for (let x = 0; x < 200; x++) {
        const u = (x - 100) * Math.cos(turn) + (y - 50) * Math.sin(turn);
        const v = -(x - 100) * Math.sin(turn) + (y - 50) * Math.cos(turn);
        if (Math.abs(u) < 50 && Math.abs(v) < 3) m[y * 200 + x] = 0.9;
      }
    }
    const level = (x: number, y: number): [number, number] => [100 + (x - 100) * Math.cos(turn) + (y - 50) * Math.sin(turn), 50 - (x - 100) * Math.sin(turn) + (y - 50) * Math.cos(turn)];
    const [b] = kernelBoxes(kernelsOf(m, 200, 100), level, 1, { w: 200, h: 100 });
    // Levelled, the kernel is ~100 × 6 (the tilted axis-aligned box would be ~27 high).
    expect(b && b.h).toBeLessThan(6 + 2 * 6);
    expect(b && b.w).toBeGreaterThan(100);
  });
});

describe('fitToInk', () => {
  // A label (two blocks), a character's width of blank, a value (four blocks, 4 px apart); the
  // bottom of the line above cut into the loose box's top.
  const rects = [
    { x: 0, y: 0, w: 200, h: 5 },
    { x: 10, y: 20, w: 14, h: 21 }, { x: 28, y: 20, w: 14, h: 21 },
    { x: 70, y: 20, w: 18, h: 21 }, { x: 92, y: 20, w: 18, h: 21 }, { x: 114, y: 20, w: 18, h: 21 }, { x: 136, y: 20, w: 18, h: 21 },
  ];

  it('shrinks a loose box to its line\'s ink and parts the label from the value', () => {
    const pieces = fitToInk(image(200, 60, rects), box(100, 300, 200, 60));
    // Ink rows 20–40 (21 px), margin ⌈0.17 × 21⌉ = 4.
    expect(pieces).toEqual([
      { x: 106, y: 316, w: 40, h: 29, score: 0.9 },
      { x: 166, y: 316, w: 92, h: 29, score: 0.9 },
    ]);
  });

  it('finds the same ink under uneven light (one end of the box much darker)', () => {
    const pieces = fitToInk(image(200, 60, rects, 240, 140), box(0, 0, 200, 60));
    expect(pieces.map((p) => [p.x, p.y, p.w, p.h])).toEqual([[6, 16, 40, 29], [66, 16, 92, 29]]);
  });

  it('keeps a character whose halves a blank row parts (号: 口 over 丂) whole, from its middle', () => {
    // 口 rows 12–21, blank 22–23, 丂 rows 24–32, in a loose 40 px box: the middle row is blank.
    const pieces = fitToInk(image(40, 45, [{ x: 8, y: 12, w: 24, h: 10 }, { x: 8, y: 24, w: 24, h: 9 }]), box(0, 0, 40, 45));
    expect(pieces.map((p) => [p.y, p.h])).toEqual([[8, 29]]);
  });

  it('leaves a box without clear ink as it was', () => {
    expect(fitToInk(image(100, 40, []), box(5, 5, 100, 40))).toEqual([box(5, 5, 100, 40)]);
  });
});

describe('withoutInner', () => {
  it('drops a crumb lying inside a bigger box and keeps boxes apart', () => {
    const line = box(100, 50, 300, 40);
    const crumb = box(95, 52, 20, 36);
    const other = box(100, 100, 300, 40);
    expect(withoutInner([crumb, line, other])).toEqual([line, other]);
  });
});

describe('joinOverlapping', () => {
  it('joins a line and the piece of its last character that overlaps it; a label and its value stay apart', () => {
    const line = box(170, 300, 300, 38);
    const lastChar = box(460, 310, 30, 30); // 丂 of 号, found as a kernel of its own
    const label = box(90, 300, 60, 38);
    expect(joinOverlapping([label, line, lastChar])).toEqual([label, box(170, 300, 320, 40)]);
  });
});
