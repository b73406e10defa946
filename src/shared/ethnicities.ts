// The 56 民族 of China (GB/T 3304), the ones most mediators meet first, then the rest in the
// standard's order, then 其他 (an unrecognised group or a foreign national, written out by hand).
// One list for the party form, the server's check and the documents.

export const COMMON_ETHNICITIES = ['汉族', '蒙古族', '回族', '满族'] as const;

export const ETHNICITIES: readonly string[] = [
  ...COMMON_ETHNICITIES,
  '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族',
  '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族', '塔吉克族', '怒族',
  '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族', '独龙族', '鄂伦春族', '赫哲族',
  '门巴族', '珞巴族', '基诺族',
];

/** The last choice: the person writes the group out (or leaves it as 其他). */
export const OTHER_ETHNICITY = '其他';

export const isListedEthnicity = (x: string): boolean => ETHNICITIES.includes(x);

/** A 民族 as written elsewhere (an identity card prints "汉", "蒙古") as the list names it. */
export function listedEthnicity(x: string): string {
  const s = x.trim();
  return isListedEthnicity(s) ? s : isListedEthnicity(`${s}族`) ? `${s}族` : s;
}

// ——— Reading a 民族 off an identity card ———
// The card prints the bare name (汉, 蒙古, 仫佬); OCR slips on it in a few typical ways: a remnant
// of the label glued on (族汉, 民汉), the trailing 族 the card does not print, one character wrong
// (维吾乐), or the 亻 of a rarer group's first character dropped (么佬 for 仫佬). Whatever was read
// is matched to the nearest of the 56 names; a reading no single name is clearly nearest to is
// left as read, for the mediator.

/** The 56 names as a 居民身份证 prints them (汉, 蒙古, …). */
export const CARD_ETHNIC_GROUPS: readonly string[] = ETHNICITIES.map((x) => x.replace(/族$/, ''));

/**
 * Characters OCR reads for others that look alike — mostly a character with its 亻 (or another
 * side part) lost. A substitution between such a pair costs less than an arbitrary one, so 么佬
 * goes to 仫佬, not to 仡佬, which is as many edits away.
 */
const LOOK_ALIKE: readonly string[] = ['么仫', '乞仡', '瓦佤', '同侗', '栗傈', '粟僳', '泰傣', '老佬', '内门'];
const lookAlike = new Set(LOOK_ALIKE.flatMap((p) => [p, [...p].reverse().join('')]));

/** Edit distance with cheaper look-alike substitutions. */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      const same = x[i - 1] === y[j - 1];
      const swap = same ? 0 : lookAlike.has(`${x[i - 1]}${y[j - 1]}`) ? 0.4 : 1;
      next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + swap));
    }
    row = next;
  }
  return row[y.length] ?? 0;
}

export interface CardEthnicity {
  /** One of CARD_ETHNIC_GROUPS, or what was read when none is clearly nearest. */
  value: string;
  /** True when the reading was exactly a name (after the label remnants are taken off). */
  exact: boolean;
}

/** The 民族 a card's reading stands for (text after the label 民族, as OCR gave it). */
export function snapCardEthnicity(read: string): CardEthnicity {
  // Only Han characters carry a name; a remnant of the label in front and 族 behind are not part of it.
  const clean = read.replace(/[^\u3400-\u9fff]/g, '').replace(/^[民族]+/, '').replace(/族$/, '');
  if (clean === '') return { value: '', exact: false };
  if (CARD_ETHNIC_GROUPS.includes(clean)) return { value: clean, exact: true };
  const scored = CARD_ETHNIC_GROUPS.map((g) => ({ g, d: distance(clean, g) })).sort((a, b) => a.d - b.d);
  const [best, second] = scored;
  if (!best) return { value: clean, exact: false };
  // Near enough: at most one edit in a short name, a third of a longer one; and clearly nearer
  // than the runner-up (汊 is one edit from 汉 and from every other one-character name: unmatched).
  const limit = Math.max(1, Math.floor([...best.g].length / 3));
  if (best.d <= limit && (!second || second.d - best.d >= 0.5)) return { value: best.g, exact: false };
  return { value: clean, exact: false };
}
