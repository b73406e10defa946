// 统计用区划代码 helpers. A 12-digit village code nests in its 9-digit town and 6-digit county by
// prefix, so every scope check and roll-up is a prefix match (domain.md §5).

export type AreaLevel = 'province' | 'city' | 'county' | 'town' | 'village';

export interface Area {
  code: string;
  name: string;
  level: AreaLevel;
  parent: string | null;
}

const lengthByLevel: Record<AreaLevel, number> = { province: 2, city: 4, county: 6, town: 9, village: 12 };

export function levelOfCode(code: string): AreaLevel | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  return (Object.keys(lengthByLevel) as AreaLevel[]).find((level) => lengthByLevel[level] === code.length);
}

export const isVillageCode = (code: string): boolean => /^\d{12}$/.test(code);
export const townCodeOf = (villageCode: string): string => villageCode.slice(0, 9);
export const countyCodeOf = (code: string): string => code.slice(0, 6);

/** True when `code` lies inside the area `scope` (a 6-, 9- or 12-digit prefix). */
export function isWithin(code: string, scope: string): boolean {
  return code.startsWith(scope);
}

/** 村级 digits 001–199 are 居委会 (社区), 200–399 村委会 (domain.md §5.1). */
export function villageKind(code: string): '社区' | '村' | '其他' {
  const n = Number(code.slice(9, 12));
  if (n >= 1 && n <= 199) return '社区';
  if (n >= 200 && n <= 399) return '村';
  return '其他';
}

/** Parses the `code,name,level,parent` CSV of fixtures/divisions (quoted names allowed). */
export function parseAreaCsv(text: string): Area[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (header?.replace(/"/g, '') !== 'code,name,level,parent') throw new Error('区划文件的表头应为 code,name,level,parent');
  return lines.map((line) => {
    const [code = '', name = '', level = '', parent = ''] = line.split(',').map((f) => f.replace(/^"|"$/g, ''));
    const known = levelOfCode(code);
    if (!known || known !== level) throw new Error(`区划代码 ${code} 与级别 ${level} 不一致`);
    return { code, name, level: known, parent: parent === '' ? null : parent };
  });
}

/**
 * The 人民调解委员会 a 村/居委会 must set up (人民调解法 Art 8), named after it:
 * 五家村委会 → 五家村人民调解委员会; 民主社区居委会 → 民主社区人民调解委员会.
 */
export function committeeNameOf(areaName: string): string {
  const base = areaName.replace(/村民委员会$|村委会$/, '村').replace(/居民委员会$|居委会$/, '');
  return `${base}人民调解委员会`;
}
