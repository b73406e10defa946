// The printed labels of a 居民身份证 front (姓名 性别 出生 住址 公民身份号码) stand in one column at the
// card's left, always in that order: the card's layout is fixed (GB/T 16992 / 居民身份证法). Their
// words are known before reading them, so recognising their boxes is time spent learning nothing
// (a quarter of the recognition on the bench cards). This finds the boxes that hold a label alone
// and names them by their place; a box where a label is glued to its value is still read.

import type { Box } from './boxes.ts';

/** The labels of the left column, top to bottom (民族 sits mid-row, with the sex, and is read). */
export const FRONT_LABELS = ['姓名', '性别', '出生', '住址', '公民身份号码'] as const;

/**
 * The label each box holds alone, by index; none when the boxes do not show the card's column of
 * five left-aligned rows (a photo of something else, a box missed): then everything is read.
 */
export function frontLabelBoxes(boxes: readonly Box[]): Map<number, string> {
  const found = new Map<number, string>();
  if (boxes.length < FRONT_LABELS.length) return found;
  const heights = boxes.map((b) => b.h).sort((a, b) => a - b);
  const lineHeight = heights[Math.floor(heights.length / 2)] ?? 0;
  const left = Math.min(...boxes.map((b) => b.x));
  // The column: boxes starting where the leftmost one does (the value column starts ≥ 2 characters
  // further right, so half a line height tells them apart even on a slightly tilted card).
  const column = boxes
    .map((box, index) => ({ box, index }))
    .filter(({ box }) => box.x - left < 0.5 * lineHeight)
    .sort((a, b) => a.box.y - b.box.y);
  if (column.length !== FRONT_LABELS.length) return found;
  for (const [row, { box, index }] of column.entries()) {
    const label = FRONT_LABELS[row] ?? '';
    // A label alone is as wide as its characters (and the detector's margin); a wider box has
    // the value (or a piece of it) too and must be read.
    const aspect = box.w / box.h;
    if (aspect < label.length * 1.1 + 0.5) found.set(index, label);
  }
  return found;
}
