// Sums of money as people write them and as an agreement must print them: "5万", "伍万元",
// "50,000", "3.5万元" in; "50,000.00元" and "人民币伍万元整" (the 大写 of 支付结算办法 附一) out.
// Pure; amounts are in 元 with at most two decimals (角, 分).

const UPPER_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿'];

/** The largest sum the app takes (the agreement schema's own limit). */
export const MAX_YUAN = 1e10;

const digitValue: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const unitValue: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/**
 * 伍万叁仟 → 53000; undefined when a character is not a Chinese numeral. A digit right after a
 * unit, with no 零 between, is the next lower place as people say it: 三千五 is 3,500 and 一万二
 * is 12,000 (三千零五 stays 3,005).
 */
function chineseInteger(text: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  /** The place of the unit just read (10, 100, 1000, 1e4, 1e8), 0 once a 零 or a digit followed it. */
  let lastUnit = 0;
  for (const ch of text) {
    if (ch in digitValue) {
      digit = digitValue[ch];
      if (digit === 0) lastUnit = 0;
    } else if (ch in unitValue) {
      section += (digit ?? 1) * (unitValue[ch] ?? 1);
      digit = undefined;
      lastUnit = unitValue[ch] ?? 0;
    } else if (ch === '万' || ch === '萬' || ch === '亿') {
      const scale = ch === '亿' ? 1e8 : 1e4;
      total = (total + section + (digit ?? 0)) * scale;
      section = 0;
      digit = undefined;
      lastUnit = scale;
    } else {
      return undefined;
    }
  }
  // A trailing digit straight after a unit: 三千五, 一万二, 两百五.
  if (digit !== undefined && digit > 0 && lastUnit >= 100 && /[千仟百佰万萬亿][一二两三四五六七八九壹贰叁肆伍陆柒捌玖]$/.test(text)) {
    return total + section + digit * (lastUnit / 10);
  }
  return total + section + (digit ?? 0);
}

/**
 * The amount in 元 a person typed, or undefined when it is not one: "5万" 50000, "伍万元" 50000,
 * "3.5万元" 35000, "50,000" 50000, "1200.5" 1200.5, "人民币贰仟元整" 2000, "￥800" 800.
 */
export function parseAmount(input: string): number | undefined {
  const text = input.trim().replace(/^(人民币|RMB|￥|¥)/i, '').replace(/(元整|元正|整|元)$/, '').replace(/[,，\s]/g, '');
  if (text === '') return undefined;
  const arabic = /^(\d+(?:\.\d+)?)(万|亿)?$/.exec(text);
  let yuan: number | undefined;
  if (arabic) {
    yuan = Number(arabic[1]) * (arabic[2] === '万' ? 1e4 : arabic[2] === '亿' ? 1e8 : 1);
  } else {
    yuan = chineseInteger(text);
  }
  if (yuan === undefined || !Number.isFinite(yuan) || yuan < 0 || yuan > MAX_YUAN) return undefined;
  const cents = Math.round(yuan * 100);
  // More than two decimals is not a sum of money.
  if (Math.abs(cents - yuan * 100) > 1e-6) return undefined;
  return cents / 100;
}

/** 0–9999 in 大写 with its inner zeros: 1005 → 壹仟零伍. */
function upperSection(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i -= 1) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      if (out !== '') zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += (UPPER_DIGITS[d] ?? '') + (SMALL_UNITS[i] ?? '');
  }
  return out;
}

/** 50000 → 人民币伍万元整; 1005.5 → 人民币壹仟零伍元伍角; 0.05 → 人民币伍分. */
export function amountInWords(yuan: number): string {
  const cents = Math.round(yuan * 100);
  const whole = Math.floor(cents / 100);
  const jiao = Math.floor(cents / 10) % 10;
  const fen = cents % 10;
  const sections: number[] = [];
  for (let rest = whole; rest > 0; rest = Math.floor(rest / 10_000)) sections.push(rest % 10_000);
  let words = '';
  let pendingZero = false;
  for (let i = sections.length - 1; i >= 0; i -= 1) {
    const section = sections[i] ?? 0;
    if (section === 0) {
      pendingZero = words !== '';
      continue;
    }
    // A gap inside the number (壹万零伍佰) is read as one 零.
    if (words !== '' && (pendingZero || section < 1000)) words += '零';
    pendingZero = false;
    words += upperSection(section) + (BIG_UNITS[i] ?? '');
  }
  if (whole > 0) words += '元';
  if (jiao === 0 && fen === 0) return `人民币${whole > 0 ? words : '零元'}整`;
  if (jiao > 0) words += `${UPPER_DIGITS[jiao] ?? ''}角`;
  else if (whole > 0) words += '零';
  if (fen > 0) words += `${UPPER_DIGITS[fen] ?? ''}分`;
  return `人民币${words}`;
}

const figures = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 50000 → "50,000.00元" */
export function amountInFigures(yuan: number): string {
  return `${figures.format(yuan)}元`;
}

/** "人民币50,000.00元（大写：人民币伍万元整）" — the way an agreement states a sum. */
export function amountStated(yuan: number): string {
  return `人民币${amountInFigures(yuan)}（大写：${amountInWords(yuan)}）`;
}
