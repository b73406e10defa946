// 统一社会信用代码 (GB 32100-2015): 18 characters — 登记管理部门码, 机构类别码, 6-digit 行政区划码,
// 9-character 主体标识码 (the old 组织机构代码), and a check character over the first 17. The
// alphabet is the digits and 21 capitals (no I, O, S, V, Z); the check is 31 − (Σ value×weight mod 31),
// with 31 written as 0. A typo in one character, or two swapped, is caught before it reaches the court.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character the first 17 characters call for; undefined when one is outside the alphabet. */
export function creditCodeCheck(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) return undefined;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Upper-case, without spaces: how the code is stored and checked. */
export const normalizeCreditCode = (x: string): string => x.replace(/\s+/g, '').toUpperCase();

export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return creditCodeCheck(code.slice(0, 17)) === code[17];
}
