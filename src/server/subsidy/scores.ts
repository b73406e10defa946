// The 司法所's score of one closed case file against the county's checklist. Only a successful,
// not voided case earns a subsidy, so only such a case is scored; a score whose month the town has
// signed off is locked like the month's figures (the sheet was frozen at the sign-off).
import { uuidv7 } from 'uuidv7';
import { monthOf } from '../../shared/stat-periods.ts';
import { caseAmount, scoreItems, type CaseFileScore, type Difficulty, type ScoreInput, type ScoredItem, type StoredRules, type ScoreView } from '../../shared/subsidy.ts';
import type { Principal } from '../auth/principal.ts';
import { assertInScope } from '../auth/principal.ts';
import type { Ctx } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import type { DB } from '../store/schema.ts';
import type { Kysely } from 'kysely';
import { rulesOf } from './rules.ts';


async function scorableCase(db: Kysely<DB>, p: Principal, caseId: string) {
  const row = await db.selectFrom('cases').select(['id', 'case_no', 'village_code', 'town_code', 'accepted_on', 'category_code', 'outcome', 'voided', 'data'])
    .where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new ApiError(404, 'case.notFound');
  assertInScope(p, row.village_code);
  if (row.outcome !== 'success' || Number(row.voided) !== 0) throw new ApiError(409, 'subsidy.err.notSucceeded');
  return row;
}

async function isSigned(db: Kysely<DB>, town: string, month: string): Promise<boolean> {
  return (await db.selectFrom('stat_signoffs').select('month').where('area_code', '=', town).where('month', '=', month).executeTakeFirst()) !== undefined;
}

async function storedScore(db: Kysely<DB>, caseId: string): Promise<CaseFileScore | null> {
  const s = await db.selectFrom('case_file_scores').leftJoin('users', 'users.username', 'case_file_scores.scored_by')
    .selectAll('case_file_scores').select('users.display_name as name').where('case_file_scores.case_id', '=', caseId).executeTakeFirst();
  if (!s) return null;
  return {
    caseId, items: JSON.parse(s.items) as ScoredItem[], difficulty: s.difficulty as Difficulty, score: Number(s.score), maxScore: Number(s.max_score),
    note: s.note, scoredAt: s.scored_at, scoredBy: s.scored_by, scoredByName: s.name ?? s.scored_by,
  };
}

export async function scoreView(ctx: Ctx, p: Principal, caseId: string): Promise<ScoreView> {
  const db = ctx.store.read;
  const row = await scorableCase(db, p, caseId);
  const data = JSON.parse(row.data) as { mediators?: string[]; isDifficult?: boolean };
  const month = monthOf(row.accepted_on);
  const [rules, score, locked, village] = await Promise.all([
    rulesOf(db, row.village_code.slice(0, 6)), storedScore(db, caseId), isSigned(db, row.town_code, month),
    db.selectFrom('areas').select('name').where('code', '=', row.village_code).executeTakeFirst(),
  ]);
  return {
    case: {
      id: row.id, caseNo: row.case_no, villageCode: row.village_code, villageName: village?.name ?? row.village_code, acceptedOn: row.accepted_on,
      categoryCode: row.category_code, isDifficult: data.isDifficult === true, mediators: data.mediators ?? [],
    },
    rules, score, locked, month, amount: score ? caseAmount(rules, row.category_code, score).amount : null,
  };
}

export async function saveScore(ctx: Ctx, p: Principal, caseId: string, input: ScoreInput): Promise<ScoreView> {
  const at = ctx.now().toISOString();
  await ctx.store.write(async (tx) => {
    const row = await scorableCase(tx, p, caseId);
    const month = monthOf(row.accepted_on);
    if (await isSigned(tx, row.town_code, month)) {
      const town = await tx.selectFrom('areas').select('name').where('code', '=', row.town_code).executeTakeFirst();
      throw new ApiError(409, 'subsidy.err.locked', { town: town?.name ?? row.town_code, year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) });
    }
    const rules = await rulesOf(tx, row.village_code.slice(0, 6));
    const { items, score, maxScore } = scoreItems(rules.checklist, input.met);
    const values = {
      town_code: row.town_code, items: JSON.stringify(items), difficulty: input.difficulty, score, max_score: maxScore,
      note: input.note === '' ? null : input.note, scored_at: at, scored_by: p.username,
    };
    const existing = await tx.selectFrom('case_file_scores').select('case_id').where('case_id', '=', caseId).executeTakeFirst();
    if (existing) await tx.updateTable('case_file_scores').set(values).where('case_id', '=', caseId).execute();
    else await tx.insertInto('case_file_scores').values({ case_id: caseId, ...values }).execute();
    await tx.insertInto('subsidy_log').values({
      id: uuidv7(), county_code: row.village_code.slice(0, 6), at, by_user: p.username, action: 'score', target: caseId,
      detail: JSON.stringify({ difficulty: input.difficulty, score, maxScore, met: items.filter((i) => i.met).map((i) => i.id), rulesVersion: rules.version }),
    }).execute();
  });
  return scoreView(ctx, p, caseId);
}
