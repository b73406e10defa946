// The month's subsidy sheet of a town or a county: each successful case of the month (as the
// month's statistics count it) with its file score and the amount the county's rules give it,
// then the totals per mediator and per committee. A town's lines are frozen when the town signs
// the month off (freezeTown, called inside the sign-off's transaction) and read from there until
// an audited unlock thaws them (thawTown): a signed month's sheet cannot change.
import type { Kysely } from 'kysely';
import { monthPeriod } from '../../shared/stat-periods.ts';
import { caseAmount, sheetTotals, type Difficulty, type SubsidyLine, type SubsidySheet, type SubsidyRules, type TownState } from '../../shared/subsidy.ts';
import type { DB } from '../store/schema.ts';
import { areaInfo, childAreas } from '../stats/area-tree.ts';
import { rulesOf } from './rules.ts';

interface CaseData {
  caseNo?: string | null;
  mediators?: string[];
  isDifficult?: boolean;
}

/** A town's lines for a month, computed now from the cases, the scores and the rules. */
export async function liveTownLines(db: Kysely<DB>, town: string, month: string, rules: SubsidyRules): Promise<SubsidyLine[]> {
  const period = monthPeriod(month);
  const cases = await db.selectFrom('cases').select(['id', 'case_no', 'village_code', 'town_code', 'accepted_on', 'category_code', 'data'])
    .where('town_code', '=', town).where('accepted_on', '>=', period.from).where('accepted_on', '<', period.to)
    .where('outcome', '=', 'success').where('voided', '=', 0).orderBy('accepted_on').orderBy('case_no').execute();
  if (cases.length === 0) return [];
  const ids = cases.map((c) => c.id);
  const villages = [...new Set(cases.map((c) => c.village_code))];
  const [scores, committees, areas] = await Promise.all([
    db.selectFrom('case_file_scores').leftJoin('users', 'users.username', 'case_file_scores.scored_by')
      .select(['case_file_scores.case_id as case_id', 'case_file_scores.difficulty as difficulty', 'case_file_scores.score as score', 'case_file_scores.max_score as max_score',
        'case_file_scores.scored_at as scored_at', 'case_file_scores.scored_by as scored_by', 'users.display_name as name'])
      .where('case_file_scores.case_id', 'in', ids).execute(),
    db.selectFrom('committees').select(['id', 'name', 'area_code']).where('area_code', 'in', villages).execute(),
    db.selectFrom('areas').select(['code', 'name']).where('code', 'in', villages).execute(),
  ]);
  const scoreOf = new Map(scores.map((s) => [s.case_id, s]));
  const committeeOf = new Map(committees.map((c) => [c.area_code, c]));
  const nameOf = new Map(areas.map((a) => [a.code, a.name]));
  return cases.map((c): SubsidyLine => {
    const data = JSON.parse(c.data) as CaseData;
    const s = scoreOf.get(c.id);
    const score = s ? { difficulty: s.difficulty as Difficulty, score: Number(s.score), maxScore: Number(s.max_score), scoredByName: s.name ?? s.scored_by, scoredAt: s.scored_at } : null;
    const money = score ? caseAmount(rules, c.category_code, score) : { base: caseAmount(rules, c.category_code, { difficulty: data.isDifficult ? '疑难' : '一般', score: 0, maxScore: 0 }).base, amount: 0 };
    const committee = committeeOf.get(c.village_code);
    const villageName = nameOf.get(c.village_code) ?? c.village_code;
    return {
      caseId: c.id, caseNo: c.case_no, acceptedOn: c.accepted_on, villageCode: c.village_code, villageName, townCode: c.town_code,
      committeeId: committee?.id ?? null, committeeName: committee?.name ?? villageName, mediators: data.mediators ?? [], categoryCode: c.category_code,
      isDifficult: data.isDifficult === true, score, base: money.base, amount: money.amount,
    };
  });
}

/** Freezes a town's month as it stands (inside the sign-off's transaction). */
export async function freezeTown(tx: Kysely<DB>, town: string, month: string, at: string): Promise<void> {
  const rules = await rulesOf(tx, town.slice(0, 6));
  const lines = await liveTownLines(tx, town, month, rules);
  await tx.deleteFrom('subsidy_frozen').where('town_code', '=', town).where('month', '=', month).execute();
  await tx.insertInto('subsidy_frozen').values({ town_code: town, month, lines: JSON.stringify(lines), rules_version: rules.version, frozen_at: at }).execute();
}

/** An unlocked month computes live again (the unlock itself is in stat_signoff_log with its reason). */
export async function thawTown(tx: Kysely<DB>, town: string, month: string): Promise<void> {
  await tx.deleteFrom('subsidy_frozen').where('town_code', '=', town).where('month', '=', month).execute();
}

/** The sheet of a town (9 digits) or a county (6) for a month: frozen towns as frozen, the rest live. */
export async function subsidySheet(db: Kysely<DB>, area: string, month: string): Promise<SubsidySheet> {
  const info = await areaInfo(db, area);
  const rules = await rulesOf(db, area.slice(0, 6));
  const period = monthPeriod(month);
  const towns = area.length === 9 ? [{ code: area, name: info.name }] : await childAreas(db, area, period);
  const frozen = new Map((await db.selectFrom('subsidy_frozen').selectAll().where('month', '=', month)
    .where('town_code', 'in', towns.length > 0 ? towns.map((t) => t.code) : ['-']).execute()).map((f) => [f.town_code, f]));
  const lines: SubsidyLine[] = [];
  const states: TownState[] = [];
  for (const town of towns) {
    const f = frozen.get(town.code);
    lines.push(...(f ? (JSON.parse(f.lines) as SubsidyLine[]) : await liveTownLines(db, town.code, month, rules)));
    states.push({ code: town.code, name: town.name, signed: f !== undefined, frozenAt: f?.frozen_at ?? null });
  }
  return {
    area: { code: area, name: info.name }, month, rulesVersion: rules.version, towns: states, lines, ...sheetTotals(lines),
    locked: states.length > 0 && states.every((s) => s.signed),
  };
}
