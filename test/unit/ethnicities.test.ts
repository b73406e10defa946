// The 民族 lists agree: the party form's 56 names and the card's bare ones are the same groups.
import { describe, expect, it } from 'vitest';
import { CARD_ETHNIC_GROUPS, ETHNICITIES, snapCardEthnicity } from '../../src/shared/ethnicities.ts';
import { ETHNIC_GROUPS } from '../../src/shared/id-card/ethnic-groups.ts';

describe('民族 as a card prints it', () => {
  it('the card list is the 56 groups of the form, without 族', () => {
    expect(ETHNICITIES).toHaveLength(56);
    expect([...CARD_ETHNIC_GROUPS].sort()).toEqual([...ETHNIC_GROUPS].sort());
  });

  it('every name read exactly is itself; read with one look-alike slip it comes back', () => {
    for (const g of CARD_ETHNIC_GROUPS) expect(snapCardEthnicity(g)).toEqual({ value: g, exact: true });
    expect(snapCardEthnicity('瓦')).toEqual({ value: '佤', exact: false });
    expect(snapCardEthnicity('同')).toEqual({ value: '侗', exact: false });
    expect(snapCardEthnicity('')).toEqual({ value: '', exact: false });
  });
});
