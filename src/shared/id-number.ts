// 公民身份号码 (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit order, 1 check character
// computed with ISO 7064 MOD 11-2. A typo in any digit changes the check character.

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (weights[i] ?? 0);
  return checkChars[sum % 11] ?? '';
}

export function isValidIdNumber(value: string): boolean {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const t = Date.parse(`${birth}T00:00:00Z`);
  if (Number.isNaN(t) || !new Date(t).toISOString().startsWith(birth)) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

/** The birth date an ID number encodes (ISO), for filling in 年龄 automatically. */
export function birthDateFromIdNumber(value: string): string | undefined {
  if (!isValidIdNumber(value)) return undefined;
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}
