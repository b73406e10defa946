// Reads the fields of a 居民身份证 front out of the lines an OCR engine recognised (top to bottom,
// each line's pieces joined left to right). OCR makes typical slips — O for 0, a label glued to its
// value, the address broken over 2–3 lines — so each field is recovered leniently and then checked:
// the number's MOD 11-2 check digit, its birth date and sex against the printed ones, 民族 against
// the 56 names. Anything that fails a check is proposed but marked doubtful for the mediator.

import type { Gender } from '../case.ts';
import { isValidIdNumber } from '../id-number.ts';
import { snapCardEthnicity } from '../ethnicities.ts';

export interface ScannedField<T extends string = string> {
  value: T | '';
  /** True when a check failed or the field was not found: the mediator must look at it. */
  doubtful: boolean;
}

export interface IdCardFront {
  name: ScannedField;
  gender: ScannedField<Gender>;
  ethnicity: ScannedField;
  /** ISO date. */
  birthDate: ScannedField;
  address: ScannedField;
  idNumber: ScannedField;
}

/** Full-width forms and spaces out; what OCR tends to put in place of digits inside a number. */
function normalise(line: string): string {
  return line
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '');
}

const digitLike: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', I: '1', l: '1', '|': '1', i: '1', Z: '2', z: '2', S: '5', s: '5', B: '8', b: '6', g: '9', x: 'X', '×': 'X' };

/**
 * The 18-character numbers a line may hold, reading digit look-alikes as digits. A run longer than
 * 18 (a piece of the label's box read as one more digit: 4441224… for 441224…) gives each of its
 * 18-character windows, so the one that passes its check digit can be chosen.
 */
function idNumberCandidates(line: string): string[] {
  const afterLabel = line.replace(/^.*?(号码|身份号|号)/, '');
  const mapped = [...afterLabel].map((c) => digitLike[c] ?? c).join('');
  return (mapped.match(/\d{17,}[\dX]?/g) ?? []).filter((run) => run.length >= 18).flatMap((run) =>
    Array.from({ length: run.length - 17 }, (_, i) => run.slice(i, i + 18)).filter((w) => /^\d{17}[\dX]$/.test(w)));
}

/** The likeliest number of a line: one that passes its check digit, else the first 18 read. */
function findIdNumber(line: string): string | undefined {
  const all = idNumberCandidates(line);
  return all.find(isValidIdNumber) ?? all[0];
}

/** A line beginning with the label (its characters in order, OCR sometimes drops one). */
function stripLabel(line: string, label: RegExp): string | undefined {
  const m = label.exec(line);
  return m && m.index <= 1 ? line.slice(m.index + m[0].length).replace(/^[:：]/, '') : undefined;
}

const NAME = /姓名|姓|名/;
const SEX = /性别|性|别/;
const BIRTH = /出生|出|生/;
const ADDRESS = /住址|住|址/;
const NUMBER_LABEL = /公民|身份|号码/;
const DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日?/;

function isoDate(y: string, m: string, d: string): string {
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(iso) ? iso : '';
}

export function parseIdCardFront(rawLines: readonly string[]): IdCardFront {
  const lines = rawLines.map(normalise).filter((l) => l !== '');
  let name = '';
  let gender: Gender | '' = '';
  let ethnicity = '';
  let birthDate = '';
  const addressParts: string[] = [];
  let idNumber = '';
  // Where on the card the line being read is: the front is printed in a fixed order (姓名; 性别 and
  // 民族; 出生; 住址 over up to three lines; 公民身份号码), so a line is read by its place, not by
  // the first word in it that looks like a label — an address may well say 民族乡 or 蒙古族自治县.
  let stage: 'top' | 'sex' | 'birth' | 'address' | 'number' = 'top';
  const sexLines: string[] = [];

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const number = findIdNumber(line);
    if (number && (!idNumber || !isValidIdNumber(idNumber))) idNumber = number;
    if (number || (stage === 'address' ? /^(公民|身份号|号码)/.test(line) : NUMBER_LABEL.test(line))) { stage = 'number'; continue; }
    if (stage === 'number') continue;

    const afterName = stripLabel(line, NAME);
    if (stage === 'top' && !name && afterName !== undefined && stripLabel(line, SEX) === undefined && stripLabel(line, BIRTH) === undefined) {
      // The label alone on its line: the value is the next line.
      name = afterName !== '' ? afterName : normalise(lines[i + 1] ?? '');
      if (afterName === '') i++;
      continue;
    }
    // 性别 and 民族 come before 出生 and 住址 (their line may be split in two); 民/生 also occur in
    // addresses (人民路), so only a line that starts with the label or the sex counts.
    if ((stage === 'top' || stage === 'sex') && (stripLabel(line, SEX) !== undefined || /民族/.test(line) || /^[男女]/.test(line) || (stage === 'sex' && !/\d/.test(line) && stripLabel(line, BIRTH) === undefined && stripLabel(line, ADDRESS) === undefined))) {
      sexLines.push(line);
      stage = 'sex';
      continue;
    }
    const date = stage === 'address' ? null : DATE.exec(line.replace(/[Oo]/g, '0'));
    if (date) {
      if (!birthDate) birthDate = isoDate(date[1] ?? '', date[2] ?? '', date[3] ?? '');
      stage = 'birth';
      continue;
    }
    const afterAddress = stripLabel(line, ADDRESS);
    if (stage !== 'address' && afterAddress !== undefined) {
      if (afterAddress) addressParts.push(afterAddress);
      stage = 'address';
      continue;
    }
    // Continuation lines of 住址 (a card prints up to three).
    if (stage === 'address' && addressParts.length < 3) addressParts.push(line);
  }

  // 性别 男 民族 汉: the sex is the first 男/女 outside the labels, the 民族 whatever follows its
  // label (or, with the label misread, the sex).
  const sexText = sexLines.join('');
  const sex = /(男|女)/.exec(sexText.replace(/性别?|民族.*$/g, ''))?.[1] ?? /(男|女)/.exec(sexText)?.[1];
  if (sex) gender = sex as Gender;
  const nation = /民族(.*)$/.exec(sexText)?.[1] ?? /[男女](.*)$/.exec(sexText.replace(/^性别?/, ''))?.[1] ?? '';
  const ethnic = snapCardEthnicity(nation);
  ethnicity = ethnic.value;

  // Two windows of a long run may both pass the check digit (1 in 11): the printed birth date decides.
  const windows = lines.flatMap(idNumberCandidates).filter(isValidIdNumber);
  const agreeing = windows.find((w) => birthDate !== '' && `${w.slice(6, 10)}-${w.slice(10, 12)}-${w.slice(12, 14)}` === birthDate);
  if (agreeing) idNumber = agreeing;
  idNumber = idNumber.toUpperCase();
  const numberValid = isValidIdNumber(idNumber);
  const numberBirth = numberValid ? `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` : '';
  const numberSex: Gender | '' = numberValid ? (Number(idNumber[16]) % 2 === 1 ? '男' : '女') : '';
  const address = addressParts.join('');
  name = name.replace(/[^\u3400-\u9fff·•.]/g, '').replace(/[•.]/g, '·');

  return {
    name: { value: name, doubtful: !/^[\u3400-\u9fff][\u3400-\u9fff·]{1,14}$/.test(name) || name.length > 4 },
    gender: { value: gender || numberSex, doubtful: gender === '' || (numberSex !== '' && gender !== numberSex) },
    ethnicity: { value: ethnicity, doubtful: !ethnic.exact },
    birthDate: { value: birthDate || numberBirth, doubtful: birthDate === '' || (numberBirth !== '' && birthDate !== numberBirth) },
    address: { value: address, doubtful: address.length < 8 || /[A-Za-z]/.test(address) },
    idNumber: { value: idNumber, doubtful: !numberValid },
  };
}
