// Guides grouped by the dispute category they map to, in category-table order, under the plain
// names of the catalogue ("婚姻家庭：彩礼、离婚…") rather than the statistics headings.

import { categories, categoryByCode } from '../../shared/categories.ts';
import { hasMessage, t } from '../../shared/i18n/index.ts';
import type { Guide } from '../../state/guides.ts';

export interface GuideGroup {
  readonly code: string;
  readonly name: string;
  readonly guides: readonly Guide[];
}

const order = new Map(categories.map((c, i) => [c.code, i]));

export function groupName(code: string): string {
  const key = `guides.group.${code}`;
  return hasMessage(key) ? t(key) : (categoryByCode(code)?.name ?? code);
}

export function groupGuides(all: readonly Guide[]): GuideGroup[] {
  const byCode = new Map<string, Guide[]>();
  for (const g of all) byCode.set(g.category, [...(byCode.get(g.category) ?? []), g]);
  return [...byCode.entries()]
    .sort(([a], [b]) => (order.get(a) ?? 99) - (order.get(b) ?? 99))
    .map(([code, list]) => ({ code, name: groupName(code), guides: list }));
}
