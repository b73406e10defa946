// The server adds up a big live roll-up a slice at a time, yielding between slices (stats/sql.ts
// rollupByKeyInSlices, issue #13): the result must be exactly what the shared roll-up gives over
// all the groups at once, for keys with more groups than a slice and keys with a few.
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { rollupByKey, toGroup, toStatCase } from '../../src/shared/stats.ts';
import { rollupByKeyInSlices, type KeyedGroup } from '../../src/server/stats/sql.ts';
import { agreement, caseRecord } from '../support/case-factory.ts';

const kinds = [
  toGroup(toStatCase(caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ form: '口头', amountYuan: 1200.57 }), categoryCode: '10.1', isDifficult: true }))),
  toGroup(toStatCase(caseRecord({ status: 'visited', outcome: 'success', agreement: agreement({ form: '书面', amountYuan: 30_000.1 }), categoryCode: '11.2' }))),
  toGroup(toStatCase(caseRecord({ status: 'terminated', outcome: 'failure', source: '主动调解', prevention: { suicide: 1, criminal: 3, groupPetition: 12, groupFight: 0 } }))),
  toGroup(toStatCase(caseRecord({ status: 'mediating', source: '法院移送' }))),
  toGroup(toStatCase(caseRecord({ status: 'rejected', outcome: 'rejected' }))),
];

it('a roll-up by key added up in slices equals the roll-up of all the groups at once', async () => {
  await fc.assert(fc.asyncProperty(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: kinds.length - 1 }), fc.integer({ min: 1, max: 9 })), { minLength: 1, maxLength: 30 }),
    async (spec) => {
      // Blocks of repeated groups: key 'a' gets thousands, more than one slice (500).
      const groups: KeyedGroup[] = spec.flatMap(([key, kind, times]) =>
        Array.from({ length: key === 0 ? times * 400 : times }, () => ({ ...(kinds[kind] as (typeof kinds)[number]), key: ['a', 'b', 'c'][key] as string })));
      expect(await rollupByKeyInSlices(groups)).toEqual(rollupByKey(groups));
    },
  ), { numRuns: 25 });
}, 120_000);
