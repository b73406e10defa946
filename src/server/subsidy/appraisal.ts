// 调解员考核 (shared/appraisal.ts) for a town or a county and a year: every mediator in office
// during the year, their trainings against the county's requirement, the cases that name them in
// their committee's area, the 回访 due in the year and done by the date reminders.ts asks for,
// and the average 卷宗 score. Computed from the registry, the cases and the scores on each ask.
import type { Kysely } from 'kysely';
import type { AppraisalCase, AppraisalPage, AppraisalRow, AppraisalTable } from '../../shared/appraisal.ts';
import type { Agreement } from '../../shared/case.ts';
import { visitDueOn } from '../../shared/reminders.ts';
import type { DB } from '../store/schema.ts';
import { areaInfo, childAreas } from '../stats/area-tree.ts';
import { committeesIn, mediatorsOf } from '../registry/records.ts';
import { rulesOf } from './rules.ts';

interface CaseFacts extends AppraisalCase {
  villageCode: string;
  mediators: string[];
  /** The account that wrote the case's 调解员 list (cases.field_authors): who took the case in. */
  listedBy: string | null;
}

const CHUNK = 400;

async function casesOfYear(db: Kysely<DB>, area: string, year: number): Promise<CaseFacts[]> {
  const rows = await db.selectFrom('cases').select(['id', 'case_no', 'village_code', 'accepted_on', 'status', 'outcome', 'data', 'field_authors'])
    .where('village_code', 'like', `${area}%`).where('accepted_on', '>=', `${year}-01-01`).where('accepted_on', '<', `${year + 1}-01-01`)
    .where('voided', '=', 0).orderBy('accepted_on').execute();
  const facts = rows.map((r): CaseFacts => {
    const data = JSON.parse(r.data) as { mediators?: string[]; agreement?: Agreement | null };
    const authors = JSON.parse(r.field_authors) as Record<string, string | undefined>;
    return {
      id: r.id, caseNo: r.case_no, acceptedOn: r.accepted_on, status: r.status, outcome: r.outcome, villageCode: r.village_code, mediators: data.mediators ?? [],
      listedBy: authors.mediators || null,
      visitDue: r.outcome === 'success' && data.agreement ? visitDueOn(data.agreement) : null, visitedOn: null, score: null,
    };
  });
  const withVisit = facts.filter((f) => f.visitDue !== null);
  const byId = new Map(facts.map((f) => [f.id, f]));
  for (let i = 0; i < withVisit.length; i += CHUNK) {
    const ids = withVisit.slice(i, i + CHUNK).map((f) => f.id);
    for (const e of await db.selectFrom('events').select(['case_id', 'data']).where('kind', '=', 'visit').where('case_id', 'in', ids).execute()) {
      const on = (JSON.parse(e.data) as { data?: { on?: string } }).data?.on;
      const f = byId.get(e.case_id);
      if (f && on && (f.visitedOn === null || on < f.visitedOn)) f.visitedOn = on;
    }
  }
  for (let i = 0; i < facts.length; i += CHUNK) {
    const ids = facts.slice(i, i + CHUNK).map((f) => f.id);
    for (const s of await db.selectFrom('case_file_scores').select(['case_id', 'score', 'max_score']).where('case_id', 'in', ids).execute()) {
      const f = byId.get(s.case_id);
      if (f) f.score = { score: Number(s.score), maxScore: Number(s.max_score) };
    }
  }
  return facts;
}

function rowOf(m: { id: string; name: string; committeeId: string; trainings: { on: string; hours: number }[] }, committee: { name: string; location: string },
  town: { code: string; name: string }, cases: CaseFacts[], year: number, requiredHours: number, today: string): AppraisalRow {
  const trainings = m.trainings.filter((x) => x.on.startsWith(String(year)));
  const succeeded = cases.filter((c) => c.outcome === 'success').length;
  const ended = cases.filter((c) => c.outcome === 'success' || c.outcome === 'failure').length;
  // A 回访 counts once it was due (by the end of the year, or today within the current year).
  const limit = `${year}-12-31` < today ? `${year}-12-31` : today;
  const due = cases.filter((c) => c.visitDue !== null && c.visitDue <= limit);
  const scored = cases.filter((c) => c.score !== null && c.score.maxScore > 0);
  return {
    mediatorId: m.id, name: m.name, committeeId: m.committeeId, committeeName: committee.name, townCode: town.code, townName: town.name,
    trainings: trainings.length, trainingHours: trainings.reduce((s, x) => s + x.hours, 0), requiredHours,
    cases: cases.length, succeeded, successRate: ended === 0 ? null : (succeeded / ended) * 100,
    visitsDue: due.length, visitsOnTime: due.filter((c) => c.visitedOn !== null && c.visitDue !== null && c.visitedOn <= c.visitDue).length,
    averageScore: scored.length === 0 ? null : scored.reduce((s, c) => s + ((c.score?.score ?? 0) / (c.score?.maxScore ?? 1)) * 100, 0) / scored.length,
    scoredFiles: scored.length,
  };
}

type Credited = { id: string; name: string; committeeId: string; accountId?: string | null };

/**
 * Which mediator each case's named 调解员 is. A name is a person only where it is unique: among the
 * mediators whose committee covers the case's village, those with the name are the candidates; one
 * candidate takes it; of several (two 王建国 in one area), the one whose account wrote the case's list
 * takes it, and none when no account tells them apart — never both, so same-named people never merge.
 */
export function creditCases<C extends { villageCode: string; mediators: string[]; listedBy: string | null }>(cases: readonly C[], mediators: readonly Credited[],
  committeeOf: ReadonlyMap<string, { location: string }>): Map<string, C[]> {
  const out = new Map<string, C[]>();
  const byName = new Map<string, Credited[]>();
  for (const m of mediators) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  for (const c of cases) {
    for (const name of new Set(c.mediators)) {
      const candidates = (byName.get(name) ?? []).filter((m) => c.villageCode.startsWith(committeeOf.get(m.committeeId)?.location ?? '\u0000'));
      const chosen = candidates.length === 1 ? candidates[0] : candidates.find((m) => m.accountId && m.accountId === c.listedBy);
      if (chosen) out.set(chosen.id, [...(out.get(chosen.id) ?? []), c]);
    }
  }
  return out;
}

interface Computed {
  table: AppraisalTable;
  casesOf: Map<string, CaseFacts[]>;
  trainingsOf: Map<string, AppraisalPage['trainings']>;
}

export async function appraisal(db: Kysely<DB>, area: string, year: number, today: string): Promise<Computed> {
  const info = await areaInfo(db, area);
  const rules = await rulesOf(db, area.slice(0, 6));
  const period = { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  const towns = area.length === 6 ? await childAreas(db, area, period) : [{ code: area, name: info.name }];
  const townName = new Map(towns.map((t) => [t.code, t.name]));
  const committees = (await committeesIn(db, area)).filter((c) => c.dissolvedOn === null || c.dissolvedOn >= period.from);
  const committeeOf = new Map(committees.map((c) => [c.id, c]));
  const mediators = (await mediatorsOf(db, committees.map((c) => c.id))).filter((m) => m.leftOn === null || m.leftOn >= period.from);
  const cases = await casesOfYear(db, area, year);
  const rows: AppraisalRow[] = [];
  const casesOf = new Map<string, CaseFacts[]>();
  const trainingsOf = new Map<string, AppraisalPage['trainings']>();
  const credited = creditCases(cases, mediators, committeeOf);
  for (const m of mediators) {
    const committee = committeeOf.get(m.committeeId);
    if (!committee) continue;
    const mine = credited.get(m.id) ?? [];
    const townCode = committee.location.slice(0, 9);
    rows.push(rowOf(m, committee, { code: townCode, name: townName.get(townCode) ?? info.name }, mine, year, rules.trainingHoursPerYear, today));
    casesOf.set(m.id, mine);
    trainingsOf.set(m.id, m.trainings.filter((x) => x.on.startsWith(String(year))));
  }
  rows.sort((a, b) => a.townCode.localeCompare(b.townCode) || a.committeeName.localeCompare(b.committeeName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
  return { table: { year, area: { code: area, name: info.name }, requiredHours: rules.trainingHoursPerYear, towns: towns.map((t) => ({ code: t.code, name: t.name })), rows }, casesOf, trainingsOf };
}

/** One mediator's page, or undefined when not in office in the area that year. */
export async function appraisalPage(db: Kysely<DB>, area: string, mediatorId: string, year: number, today: string): Promise<AppraisalPage | undefined> {
  const committee = await db.selectFrom('mediators').innerJoin('committees', 'committees.id', 'mediators.committee_id')
    .select('committees.location as location').where('mediators.id', '=', mediatorId).executeTakeFirst();
  if (!committee || !committee.location.startsWith(area)) return undefined;
  const done = await appraisal(db, committee.location.length >= 9 ? committee.location.slice(0, 9) : area, year, today);
  const row = done.table.rows.find((r) => r.mediatorId === mediatorId);
  if (!row) return undefined;
  return {
    year, row, trainings: done.trainingsOf.get(mediatorId) ?? [],
    cases: (done.casesOf.get(mediatorId) ?? []).map(({ villageCode: _v, mediators: _m, listedBy: _l, ...c }) => c),
  };
}
