// The OCR's own post-processing (no OpenCV): DB map → line boxes, pieces → rows, CTC decoding.
import { describe, expect, it } from 'vitest';
import { boxesFromProbMap, ctcGreedy, joinRows } from '../../src/ui/id-card/ocr/boxes.ts';

/** A width×height map with the given rectangles at probability `p`. */
function map(width: number, height: number, rects: { x: number; y: number; w: number; h: number; p?: number }[]): Float32Array {
  const m = new Float32Array(width * height);
  for (const r of rects) for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) m[y * width + x] = r.p ?? 0.9;
  return m;
}

describe('boxesFromProbMap', () => {
  it('finds each text kernel, grows it by the unclip margin and drops unsure or tiny regions', () => {
    const m = map(200, 100, [
      { x: 20, y: 10, w: 100, h: 10 }, // a line
      { x: 20, y: 50, w: 60, h: 10 }, // another line
      { x: 150, y: 50, w: 30, h: 10, p: 0.4 }, // text-ish but unsure (mean < 0.6)
      { x: 190, y: 90, w: 2, h: 2 }, // speck
    ]);
    const boxes = boxesFromProbMap(m, 200, 100);
    expect(boxes).toHaveLength(2);
    // d = area × 1.5 / perimeter = 1000 × 1.5 / 220 ≈ 6.8 px on each side.
    expect(boxes[0]).toMatchObject({ x: 13, y: 3, w: 114, h: 24 });
    expect(boxes[1]?.y).toBeLessThan(50);
    expect(boxes[1]?.y).toBeGreaterThan(40);
  });
});

describe('joinRows', () => {
  it('joins a label and its value on one row, left to right, rows top to bottom', () => {
    const rows = joinRows([
      { box: { x: 200, y: 10, w: 80, h: 30, score: 1 }, text: '张三' },
      { box: { x: 20, y: 60, w: 80, h: 30, score: 1 }, text: '性别' },
      { box: { x: 20, y: 12, w: 80, h: 30, score: 1 }, text: '姓名' },
      { box: { x: 150, y: 58, w: 40, h: 30, score: 1 }, text: '男' },
    ]);
    expect(rows).toEqual(['姓名 张三', '性别 男']);
  });
});

describe('ctcGreedy', () => {
  it('merges repeats, drops blanks and keeps a doubled character separated by a blank', () => {
    const dict = ['张', '三', '1'];
    // steps: 张 张 blank 三 blank 1 1 blank 1
    const best = [1, 1, 0, 2, 0, 3, 3, 0, 3];
    const logits = best.flatMap((b) => [0, 1, 2, 3].map((c) => (c === b ? 5 : 0)));
    expect(ctcGreedy(logits, best.length, 4, dict)).toBe('张三11');
  });
});
