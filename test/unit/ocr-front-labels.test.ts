// The label column of a card front is named by its place instead of being recognised
// (src/ui/id-card/ocr/front-labels.ts): only boxes holding a label alone, only when the column has
// the card's five rows. Box sizes are those the 640 px detection gave on bench card #1.
import { describe, it, expect } from 'vitest';
import { frontLabelBoxes } from '../../src/ui/id-card/ocr/front-labels.ts';
import type { Box } from '../../src/ui/id-card/ocr/boxes.ts';

const box = (x: number, y: number, w: number, h = 40): Box => ({ x, y, w, h, score: 0.9 });

// Labels at x = 100, values from x = 250; the address over three lines; the number bottom right.
const card: Box[] = [
  box(250, 100, 130), // 司马斌娜
  box(100, 100, 77), // 姓名
  box(250, 160, 150), // 男 民族 汉
  box(100, 160, 75), // 性别
  box(250, 220, 280), // 1958年5月9日
  box(100, 220, 72), // 出生
  box(100, 280, 75), // 住址
  box(250, 280, 420), // 海南省东方市东方华侨农
  box(250, 320, 360), // 场东方市华侨场部社区5
  box(250, 360, 100), // 组77号
  box(420, 480, 410), // 469007195805097411
  box(104, 480, 245), // 公民身份号码
];

describe('frontLabelBoxes', () => {
  it('names the five labels of the column by their order, and nothing else', () => {
    const found = frontLabelBoxes(card);
    expect([...found.entries()].sort((a, b) => a[0] - b[0])).toEqual([[1, '姓名'], [3, '性别'], [5, '出生'], [6, '住址'], [11, '公民身份号码']]);
  });

  it('reads a label glued to its value (a wider box)', () => {
    const glued = card.filter((_, i) => i !== 0 && i !== 1).concat(box(100, 100, 280)); // 姓名司马斌娜
    const found = frontLabelBoxes(glued);
    expect([...found.values()]).toEqual(['性别', '出生', '住址', '公民身份号码']);
  });

  it('names nothing when the column does not have five rows (a label missed, something else)', () => {
    expect(frontLabelBoxes(card.filter((_, i) => i !== 5)).size).toBe(0);
    expect(frontLabelBoxes(card.concat(box(98, 560, 60))).size).toBe(0);
    expect(frontLabelBoxes(card.slice(0, 3)).size).toBe(0);
  });
});
