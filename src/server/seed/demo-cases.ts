// A year of plausible cases for the demo county, as the mutations a mediator's phone would have
// recorded: create, sessions, investigations, transitions, agreements, follow-up visits. They are
// pushed through the real push path (demo.ts), so they get server numbers, events and versions.
import type { Agreement, CaseRecord, CaseSource, JudicialConfirmation, Party } from '../../shared/case.ts';
import { addDays } from '../../shared/dates.ts';
import type { CaseEvent, EventBody } from '../../shared/events.ts';
import type { CaseStatus, TransitionArgs } from '../../shared/lifecycle.ts';
import type { MutationBody } from '../../shared/mutations.ts';
import { villageKind, type Area } from '../../shared/areas.ts';
import { committeeName } from './areas.ts';
import { derivedIdNumber, firmCategories, organisationParty, party } from './people.ts';
import { amountStated } from '../../shared/money.ts';
import { followUpAfterVisit } from '../../shared/case-rules.ts';
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

const idOf = (p: Party, seed: string): Partial<Party> => {
  const idNumber = derivedIdNumber(p, seed);
  return idNumber ? { idNumber } : {};
};

/**
 * The first term that names the payment without its sum gets the sum (a later one, such as a
 * penalty for paying late, is not that sum); the vague catch-all becomes concrete.
 */
function concreteTerms(terms: readonly string[], payer: string, payee: string, yuan: number): string[] {
  const first = terms.findIndex((term) => /赔偿|补偿|付清|补缴|支付/.test(term) && !term.includes('元') && !term.includes('违约金'));
  return terms.map((term, i) => {
    if (term === '双方按协商结果各自履行') return yuan > 0 ? `${payer}向${payee}支付${amountStated(yuan)}` : '双方就此事互不再追究';
    return yuan > 0 && i === first ? `${term}${amountStated(yuan)}` : term;
  });
}

/**
 * The agreement of a demo case, stated as a court could enforce it: each sum with its payer, way,
 * time and place. An oral agreement performed later or involving money carries the parties'
 * recorded choice (若干规定 Art 34); one without money is performed on the spot. No `rand` here,
 * so the seeded year (and its published figures) stay as they were.
 */
function agreementOf(s: ReturnType<typeof story>, form: Agreement['form'], applicant: Party, respondent: Party, sessionDay: string, place: string): Agreement {
  const money = s.amountYuan > 0
    ? [{ payer: respondent.name, payee: applicant.name, amountYuan: s.amountYuan, method: s.method, deadline: addDays(sessionDay, 15), place }]
    : [];
  const deadline = form === '口头' && money.length === 0 ? sessionDay : addDays(sessionDay, 30);
  return {
    form, terms: concreteTerms(s.terms, respondent.name, applicant.name, s.amountYuan), performanceMethod: s.method, performanceDeadline: deadline,
    amountYuan: s.amountYuan, effectiveOn: sessionDay,
    ...(money.length > 0 ? { money } : {}),
    ...(form === '口头' && (money.length > 0 || deadline > sessionDay) ? { oralChosen: true } : {}),
  };
}

export function planCase(rand: Rand, village: Area, town: Area, team: readonly [string, string], acceptedOn: string, n: number): PlannedCase {
  const [mediator, colleague] = team;
  const year = Number(acceptedOn.slice(0, 4));
  const t0 = at(acceptedOn);
  const id = seededUuid(rand, t0.getTime());
  let category = weighted(rand, categoryWeights);
  if (category === '14' && villageKind(village.code) !== '社区') category = '02';
  const address = `开鲁县${town.name}${village.name.replace(/村委会|居委会/, '')}`;
  const applicant = party(rand, '申请人', year, address, t0.getTime());
  const drawn = party(rand, '被申请人', year, address, t0.getTime());
  // Every 物业 dispute and about half of the grain-sale and wage ones are against a company (a 单位
  // party with its 法定代表人 and 统一社会信用代码); decided by the case id, not `rand`, so the
  // seeded year's figures stay as they were.
  const firm = firmCategories.has(category) && (category === '14' || parseInt(id.slice(-4, -2), 16) < 128);
  const respondent = firm ? organisationParty(drawn.id, '被申请人', category, village.code.slice(0, 6), town.name, id.replaceAll('-', '')) : drawn;
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
  const form = rand() < 0.65 ? '书面' : '口头';
  const agreement = agreementOf(s, form, applicant, respondent, sessionDay, `${committeeName(village)}调解室`);
  move('agreed', at(sessionDay, 3), { agreement });
  // About one written agreement in five goes to the court (锡盟 2021: 75 of 376). Decided by the
  // case id rather than by `rand`, so the rest of the seeded year stays exactly as it was.
  const draw = parseInt(id.slice(-2), 16);
  if (agreement.form === '书面' && draw < 80) {
    // The package the court receives needs every party's 身份证号 (2011 规定 Art 3).
    record.private.parties = record.private.parties.map((p, i) => (p.idNumber ? p : { ...p, ...idOf(p, `${id.replaceAll('-', '')}${i}`) }));
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
    // 未履行 opens 督促履行 (若干规定 Art 39), as the phone's 回访 form does.
    const followUp = followUpAfterVisit(record, { on: visitDay, performance });
    if (followUp) mutations.push({ body: { name: 'case.patch', patch: { followUp: { base: null, next: followUp } } }, at: at(visitDay, 2) });
  }
  if (rand() < 0.7) move('archived', at(addDays(sessionDay, 70)));
  return { id, villageCode: village.code, mutations };
}
