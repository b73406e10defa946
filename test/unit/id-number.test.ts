import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isValidIdNumber, idNumberCheckChar, birthDateFromIdNumber } from '../../src/shared/id-number.ts';

// 11010519491231002X is the GB 11643 worked example; the others are built with the check char.
describe('身份证号 check digit', () => {
  it('accepts the standard example and rejects a one-digit typo', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231003X')).toBe(false);
    expect(isValidIdNumber('11010519491331002X')).toBe(false); // month 13
    expect(birthDateFromIdNumber('11010519491231002X')).toBe('1949-12-31');
  });

  it('detects every single-digit substitution (property)', () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(digits, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (order, pos, delta) => {
        const first17 = `150523198803${'15'}${order.join('')}`;
        const id = first17 + idNumberCheckChar(first17);
        expect(isValidIdNumber(id)).toBe(true);
        const changed = first17.slice(0, pos) + String((Number(first17[pos]) + delta) % 10) + first17.slice(pos + 1);
        const typo = changed + id[17];
        // A typo in the birth-date digits may also make the date impossible: refused either way.
        expect(isValidIdNumber(typo)).toBe(false);
      }),
    );
  });
});
