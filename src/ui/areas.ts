// Names for 统计用区划代码 of the demo county (开鲁县). Only lazy screens import this, so the area
// table stays out of the first-paint bundle.

import { kailuAreas } from '../shared/data/kailu.ts';
import type { Area } from '../shared/areas.ts';

const byCode = new Map(kailuAreas.map((a) => [a.code, a]));

export const towns: Area[] = kailuAreas.filter((a) => a.level === 'town');

export function villagesOf(townCode: string): Area[] {
  return kailuAreas.filter((a) => a.level === 'village' && a.parent === townCode);
}

export function searchVillages(text: string): Area[] {
  const needle = text.trim();
  if (needle === '') return [];
  return kailuAreas.filter((a) => a.level === 'village' && a.name.includes(needle));
}

export function areaName(code: string): string {
  return byCode.get(code)?.name ?? code;
}

/** "麦新镇 麦新村委会" */
export function placeName(villageCode: string): string {
  return `${areaName(villageCode.slice(0, 9))} ${areaName(villageCode)}`;
}

/** The committee a village sets up (人民调解法 Art 8): "麦新村委会" → "麦新村人民调解委员会". */
/** The default committee name for a village (one rule, shared with the server's seed). */
export { committeeNameOf as defaultCommitteeName } from '../shared/areas.ts';
