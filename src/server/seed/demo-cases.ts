// A year of plausible cases for the demo county, as the mutations a mediator's phone would have
// recorded: create, sessions, investigations, transitions, agreements, follow-up visits. They are
// pushed through the real push path (demo.ts), so they get server numbers, events and versions.
import type { Agreement, CaseRecord, CaseSource, JudicialConfirmation } from '../../shared/case.ts';
import { addDays } from '../../shared/dates.ts';
import type { CaseEvent, EventBody } from '../../shared/events.ts';
import type { CaseStatus, TransitionArgs } from '../../shared/lifecycle.ts';
import type { MutationBody } from '../../shared/mutations.ts';
import { villageKind, type Area } from '../../shared/areas.ts';
import { committeeName } from './areas.ts';
import { party } from './people.ts';
import { int, pick, type Rand, seededUuid, weighted } from './random.ts';
import { categoryWeights, story } from './stories.ts';

export interface PlannedMutation {
  body: MutationBody;
  at: Date;
}

export interface PlannedCase {
  id: string;
  villageCode: string;
  mutations: PlannedMutation[];
}

const sources: readonly (readonly [CaseSource, number])[] = [['申请', 58], ['主动调解', 32], ['公安移送', 4], ['法院移送', 3], ['信访移送', 2], ['其他移送', 1]];

/** 09:00 Beijing time on `date`, plus `hours`. */
const at = (date: string, hours = 0): Date => new Date(Date.parse(`${date}T01:00:00Z`) + hours * 3_600_000);

export function planCase(rand: Rand, village: Area, town: Area, team: readonly [string, string], acceptedOn: string, n: number): PlannedCase {
  const [mediator, colleague] = team;
  const year = Number(acceptedOn.slice(0, 4));
  const t0 = at(acceptedOn);
  const id = seededUuid(rand, t0.getTime());
  let category = weighted(rand, categoryWeights);
  if (category === '14' && villageKind(village.code) !== '社区') category = '02';
  const address = `开鲁县${town.name}${village.name.replace(/村委会|居委会/, '')}`;
  const applicant = party(rand, '申请人', year, address, t0.getTime());
  const respondent = party(rand, '被申请人', year, address, t0.getTime());
  const s = story(category, rand, applicant.name, respondent.name);
  const codes = { villageCode: village.code, townCode: town.code, countyCode: village.code.slice(0, 6) };
  const record: CaseRecord = {
    id, version: 0, ...codes, committeeName: committeeName(village), caseNo: null, provisionalNo: `临${String(n).padStart(4, '0')}`,
    status: 'accepted', outcome: null, categoryCode: category, source: weighted(rand, sources), acceptedOn,
    mediators: rand() < 0.3 ? [mediator, colleague] : [mediator], isDifficult: rand() < 0.05,
    prevention: {
      suicide: rand() < 0.01 ? 1 : 0, criminal: rand() < 0.03 ? int(rand, 2, 4) : 0,
      groupPetition: rand() < 0.01 ? int(rand, 5, 20) : 0, groupFight: rand() < 0.02 ? int(rand, 3, 8) : 0,
    },
    agreement: null, termination: null, rejection: null,
    private: { parties: [applicant, respondent], facts: s.facts, claims: s.claims, place: village.name },
    needsReview: false, voided: null, createdAt: t0.toISOString(), updatedAt: t0.toISOString(),
  };
  const mutations: PlannedMutation[] = [{ body: { name: 'case.create', args: { record } }, at: t0 }];
  let status: CaseStatus = 'accepted';
  const event = (when: Date, body: EventBody) => {
    const e = { ...body, id: seededUuid(rand, when.getTime()), caseId: id, ...codes, at: when.toISOString(), author: mediator } as CaseEvent;
    mutations.push({ body: { name: 'event.append', args: { event: e } }, at: when });
  };
  const move = (to: CaseStatus, when: Date, extra: Pick<TransitionArgs, 'agreement' | 'termination' | 'rejection'> = {}) => {
    mutations.push({ body: { name: 'case.transition', args: { from: status, to, ...extra, eventId: seededUuid(rand, when.getTime()), at: when.toISOString() } }, at: when });
    status = to;
  };

  const fate = rand();
  const lateInYear = acceptedOn >= `${year}-12-10`;
  if (fate < 0.02) {
    move('rejected', at(acceptedOn, 2), { rejection: { reason: pick(rand, ['法院已受理', '当事人拒绝调解', '公安机关已受理'] as const), note: '已告知当事人' } });
    if (rand() < 0.5) move('archived', at(addDays(acceptedOn, 20)));
    return { id, villageCode: village.code, mutations };
  }
  if (rand() < 0.3) {
    event(at(addDays(acceptedOn, 1)), { kind: 'investigation', data: { at: at(addDays(acceptedOn, 1)).toISOString(), place: village.name, investigators: [mediator], subject: respondent.name, content: `向${respondent.name}了解纠纷经过，其对主要事实无异议。` } });
  }
  const sessionDay = addDays(acceptedOn, int(rand, 1, 9));
  if (rand() < 0.7 || lateInYear) move('mediating', at(addDays(acceptedOn, 1), 1));
  if (lateInYear && rand() < 0.5) return { id, villageCode: village.code, mutations };

  const success = rand() < 0.94;
  event(at(sessionDay), {
    kind: 'session',
    data: {
      at: at(sessionDay).toISOString(), place: `${committeeName(village)}调解室`, participants: rand() < 0.3 ? ['村民代表'] : [],
      statements: [{ partyName: applicant.name, text: s.claims.join('；') }, { partyName: respondent.name, text: '对事实基本认可，希望协商解决。' }],
      result: success ? '经调解，双方自愿达成协议。' : s.failure, recorder: mediator,
    },
  });
  if (!success) {
    move('terminated', at(sessionDay, 3), { termination: { reason: s.failure, otherRoutesTold: true } });
    if (rand() < 0.5) move('archived', at(addDays(sessionDay, 30)));
    return { id, villageCode: village.code, mutations };
  }
  const agreement: Agreement = {
    form: rand() < 0.65 ? '书面' : '口头', terms: s.terms, performanceMethod: s.method, performanceDeadline: addDays(sessionDay, 30),
    amountYuan: s.amountYuan, effectiveOn: sessionDay,
  };
  move('agreed', at(sessionDay, 3), { agreement });
  // About one written agreement in five goes to the court (锡盟 2021: 75 of 376). Decided by the
  // case id rather than by `rand`, so the rest of the seeded year stays exactly as it was.
  const draw = parseInt(id.slice(-2), 16);
  if (agreement.form === '书面' && draw < 80) {
    const decided = addDays(sessionDay, 18);
    const confirmation: JudicialConfirmation = {
      appliedOn: addDays(sessionDay, 6), court: '开鲁县人民法院', result: draw < 4 ? '驳回' : draw < 8 ? '撤回' : '确认有效', decidedOn: decided,
    };
    mutations.push({ body: { name: 'case.patch', patch: { judicialConfirmation: { base: null, next: confirmation } } }, at: at(decided) });
  }
  if (rand() < 0.85) {
    const visitDay = addDays(sessionDay, int(rand, 15, 45));
    const performance = weighted(rand, [['已履行', 90], ['部分履行', 8], ['未履行', 2]] as const);
    event(at(visitDay), { kind: 'visit', data: { on: visitDay, visitedPerson: applicant.name, performance, satisfaction: performance === '已履行' ? '满意' : '基本满意', notes: '当事人对调解结果表示认可。' } });
    move('visited', at(visitDay, 2));
  }
  if (rand() < 0.7) move('archived', at(addDays(sessionDay, 70)));
  return { id, villageCode: village.code, mutations };
}
