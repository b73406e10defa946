// 诉调对接 in the demo's current year: fifteen cases the county's court delegated (委派, before
// filing) or entrusted (委托, after filing), each taken in with the court's reference and at its
// own stage — open with weeks left, due within days, past the court's deadline, settled and
// reported back, settled and not yet reported (on 待办), ended and returned to the court. The
// court is named from the county (`${county}人民法院`) and its 案号 from the county's code.
import type { Area } from '../../shared/areas.ts';
import type { CaseRecord } from '../../shared/case.ts';
import type { CourtReferral, CourtSource } from '../../shared/court.ts';
import { addDays, localDate } from '../../shared/dates.ts';
import { planCase, type PlannedCase, type PlannedMutation } from './demo-cases.ts';
import { int, type Rand } from './random.ts';

/** 法院代字 of a basic court: the province's one-character abbreviation and the county's four digits. */
const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  11: '京', 12: '津', 13: '冀', 14: '晋', 15: '蒙', 21: '辽', 22: '吉', 23: '黑', 31: '沪', 32: '苏', 33: '浙', 34: '皖', 35: '闽', 36: '赣', 37: '鲁',
  41: '豫', 42: '鄂', 43: '湘', 44: '粤', 45: '桂', 46: '琼', 50: '渝', 51: '川', 52: '贵', 53: '云', 54: '藏', 61: '陕', 62: '甘', 63: '青', 64: '宁', 65: '新',
};
export const courtCodeOf = (countyCode: string): string => `${PROVINCE_ABBREVIATIONS[countyCode.slice(0, 2)] ?? '蒙'}${countyCode.slice(2, 6)}`;

/** Days the court gives: 30 for a 诉前委派, 15 for a 诉中委托 (as its letter states them). */
const DAYS_GIVEN: Record<CourtSource, number> = { 法院委派: 30, 法院委托: 15 };

type Fate = 'open' | 'agreed' | 'agreedReturned' | 'ended' | 'endedReturned';
/** [source, accepted days ago, fate]: the stages the demo shows. */
const SPECS: readonly (readonly [CourtSource, number, Fate])[] = [
  ['法院委派', 3, 'open'], ['法院委派', 10, 'open'], ['法院委派', 27, 'open'], ['法院委派', 33, 'open'], ['法院委托', 12, 'open'], ['法院委托', 5, 'open'],
  ['法院委派', 40, 'agreedReturned'], ['法院委派', 20, 'agreed'], ['法院委派', 60, 'agreedReturned'], ['法院委托', 50, 'agreedReturned'],
  ['法院委派', 80, 'endedReturned'], ['法院委托', 30, 'ended'], ['法院委派', 100, 'agreedReturned'], ['法院委派', 120, 'endedReturned'],
  ['法院委托', 150, 'agreedReturned'],
];

const isTo = (m: PlannedMutation, to: string) => m.body.name === 'case.transition' && m.body.args.to === to;
const ends = (p: PlannedCase, to: string) => p.mutations.some((m) => isTo(m, to));

export function planCourtCases(rand: Rand, village: Area, town: Area, team: readonly [string, string], county: Area, now: Date): PlannedCase[] {
  const today = localDate(now);
  const court = `${county.name}人民法院`;
  const notLater = (m: PlannedMutation) => m.at.getTime() <= now.getTime();
  return SPECS.map(([source, daysAgo, fate], i) => {
    const acceptedOn = addDays(today, -daysAgo);
    const wanted = fate.startsWith('ended') ? 'terminated' : fate.startsWith('agreed') ? 'agreed' : 'mediating';
    // planCase decides each case's fate by chance: draw until it is the stage this one shows.
    let plan = planCase(rand, village, town, team, acceptedOn, 7000 + i);
    for (let tries = 0; tries < 500 && (!ends(plan, wanted) || ends(plan, 'rejected')); tries++) plan = planCase(rand, village, town, team, acceptedOn, 7000 + i);
    const referredOn = addDays(acceptedOn, -int(rand, 1, 3));
    const year = referredOn.slice(0, 4);
    const type = source === '法院委派' ? '民诉前调' : '民初';
    const reference: CourtReferral = {
      court, caseNo: `（${year}）${courtCodeOf(county.code)}${type}${int(rand, 100, 2999)}号`, judge: ['王志刚', '李淑芬', '张宏伟'][i % 3] as string,
      referredOn, deadline: addDays(referredOn, DAYS_GIVEN[source]), returnedOn: null,
    };
    const [create, ...rest] = plan.mutations;
    if (!create || create.body.name !== 'case.create') throw new Error('demo court case: no case.create');
    const record: CaseRecord = { ...create.body.args.record, source, court: reference };
    let mutations: PlannedMutation[] = [{ ...create, body: { name: 'case.create', args: { record } } }, ...rest];
    if (fate === 'open') {
      // Still being mediated: accepted, perhaps investigated, no session that settled it yet.
      mutations = mutations.filter((m) => m.body.name === 'case.create' || isTo(m, 'mediating') || (m.body.name === 'event.append' && m.body.args.event.kind === 'investigation'));
    }
    if (fate.endsWith('Returned')) {
      const closed = mutations.find((m) => isTo(m, 'agreed') || isTo(m, 'terminated'));
      if (closed) {
        const returnedOn = addDays(localDate(closed.at), 2);
        const at = new Date(Date.parse(`${returnedOn}T02:00:00Z`));
        mutations.push({ body: { name: 'case.patch', patch: { court: { base: reference, next: { ...reference, returnedOn } } } }, at });
      }
    }
    // In time order (the 回复 may come before a later 回访), and nothing after today.
    mutations = [mutations[0] as PlannedMutation, ...mutations.slice(1).sort((a, b) => a.at.getTime() - b.at.getTime())].filter(notLater);
    return { ...plan, mutations };
  });
}
