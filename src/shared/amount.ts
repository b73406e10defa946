// Reading an amount of money the way people write it on a form or say it aloud: "50000",
// "50,000", "5万", "5万元", "5.5万", "3千5", "伍万元", "五万", "一万二", "两千五百元", "壹仟贰佰元整".
// Returns yuan (at most 2 decimals) or undefined when the text is not an amount; the screen shows
// the figure back ("= 50,000 元") so a misreading is caught before it is saved.

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 貳: 2, 两: 2, 兩: 2, 三: 3, 叁: 3, 參: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 陸: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000, 億: 100_000_000 };

/** Fullwidth digits and punctuation to ASCII, spaces and the words around an amount removed. */
function normalise(text: string): string {
  return text
    .replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .replace(/^(人民币|￥|¥|RMB)/i, '')
    .replace(/(元整|圆整|元|圆|块钱|块|整)$/, '');
}

/** "1,234.5" → 1234.5; grouping commas must sit every three digits. */
function arabic(text: string): number | undefined {
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(text)) return undefined;
  return Number(text.replace(/,/g, ''));
}

/** A section below 万 in Chinese numerals or digits: "三千五百", "3千5", "二十", "十五". */
function section(text: string): number | undefined {
  if (text === '') return 0;
  const plain = arabic(text);
  if (plain !== undefined) return plain;
  let total = 0;
  let digit: number | undefined;
  let lastUnit = 10_000;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const unit = SMALL_UNITS[c];
    if (unit !== undefined) {
      if (unit >= lastUnit) return undefined;
      total += (digit ?? (unit === 10 ? 1 : Number.NaN)) * unit;
      if (Number.isNaN(total)) return undefined;
      digit = undefined;
      lastUnit = unit;
      continue;
    }
    // A number written in digits before a unit: "3千", "2百".
    const run = /^\d+(\.\d+)?/.exec(text.slice(i))?.[0];
    const value = run !== undefined ? Number(run) : DIGITS[c];
    if (value === undefined || digit !== undefined) return undefined;
    digit = value;
    if (run !== undefined) i += run.length - 1;
    if (value === 0 && run === undefined) digit = undefined; // 一千零五: the 零 only holds a place
  }
  if (digit !== undefined) {
    // "三千五" means 3,500: a last lone digit counts in the unit below the last one.
    const afterUnit = lastUnit > 10 && !/[零〇]/.test(text) && SMALL_UNITS[text[text.length - 2] ?? ''] !== undefined;
    total += afterUnit ? digit * (lastUnit / 10) : digit;
  }
  return total;
}

export function parseAmount(input: string): number | undefined {
  const text = normalise(input);
  if (text === '') return undefined;
  let rest = text;
  let total = 0;
  let matched = false;
  // Split on the big units from the largest: "1亿2000万", "5万3千", "一万二".
  for (const [char, size] of Object.entries(BIG_UNITS).sort((a, b) => b[1] - a[1])) {
    const at = rest.indexOf(char);
    if (at < 0) continue;
    const head = section(rest.slice(0, at));
    if (head === undefined || (at === 0 && !matched)) return undefined;
    total += head * size;
    rest = rest.slice(at + 1);
    matched = true;
    // "一万二" = 12,000: one lone digit after 万 counts in thousands.
    if (size === 10_000 && rest.length === 1 && DIGITS[rest] !== undefined) {
      total += (DIGITS[rest] as number) * 1000;
      rest = '';
    }
  }
  const tail = section(rest);
  if (tail === undefined) return undefined;
  total += tail;
  if (!Number.isFinite(total) || total < 0) return undefined;
  return Math.round(total * 100) / 100;
}
