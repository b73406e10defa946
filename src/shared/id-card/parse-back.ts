// Reads the back of a 居民身份证 (the 国徽 side): 签发机关 (the issuing 公安局 or 分局) and
// 有效期限, printed as "2015.03.01-2035.03.01" or "2015.03.01-长期". Like the front, OCR slips are
// forgiven (a dash read as 一 or ~, dots dropped) and then checked: the span must be one the law
// allows (居民身份证法 Art 5: 5, 10 or 20 years, or 长期), else it is marked for the mediator.

import type { ScannedField } from './parse-front.ts';

export interface IdCardBack {
  issuer: ScannedField;
  /** "YYYY.MM.DD-YYYY.MM.DD" or "YYYY.MM.DD-长期", as the card prints it. */
  validity: ScannedField;
}

const normalise = (line: string) =>
  line.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]+/g, '');

const DATE = String.raw`(\d{4})[.,·:]?(\d{2})[.,·:]?(\d{2})`;
const SPAN = new RegExp(`${DATE}[-—–一~至_]*(?:${DATE}|(长期|长|期))`);

const validDate = (y: string, m: string, d: string): boolean => {
  const iso = `${y}-${m}-${d}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(iso);
};

export function parseIdCardBack(rawLines: readonly string[]): IdCardBack {
  const lines = rawLines.map(normalise).filter((l) => l !== '');
  let issuer = '';
  let validity = '';
  let validityOk = false;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/[Oo]/g, '0');
    const raw = lines[i] ?? '';
    const issuerAt = /签发机关|签发|机关/.exec(raw);
    if (!issuer && issuerAt) {
      const rest = raw.slice(issuerAt.index + issuerAt[0].length).replace(/^[:：]/, '');
      issuer = rest !== '' ? rest : (lines[i + 1] ?? '');
      continue;
    }
    // 公安局 without its label: the label was lost or sits on a line of its own.
    if (!issuer && /公安(局|分局)$/.test(raw) && !/有效/.test(raw)) {
      issuer = raw;
      continue;
    }
    const span = SPAN.exec(line);
    if (span && !validity) {
      const [, y1 = '', m1 = '', d1 = '', y2 = '', m2 = '', d2 = '', forever] = span;
      if (forever !== undefined) {
        validity = `${y1}.${m1}.${d1}-长期`;
        validityOk = validDate(y1, m1, d1);
      } else {
        validity = `${y1}.${m1}.${d1}-${y2}.${m2}.${d2}`;
        const years = Number(y2) - Number(y1);
        validityOk = validDate(y1, m1, d1) && validDate(y2, m2, d2) && [5, 10, 20].includes(years) && `${m1}${d1}` === `${m2}${d2}`;
      }
    }
  }
  issuer = issuer.replace(/[^\u3400-\u9fff]/g, '');
  return {
    issuer: { value: issuer, doubtful: !/^[\u3400-\u9fff]{2,20}(公安局|分局)$/.test(issuer) },
    validity: { value: validity, doubtful: !validityOk },
  };
}
