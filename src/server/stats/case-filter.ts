// The cases behind a number on the dashboard: GET /api/cases filters that select exactly the
// cases the shared roll-up counts under a measure (stats.ts countsAccepted / outcomeClass),
// a statistics row and a source. Tested against the roll-up itself (stats-drill test).
import { sql, type SelectQueryBuilder } from 'kysely';
import * as v from 'valibot';
import { categories } from '../../shared/categories.ts';
import { caseSources } from '../../shared/case.ts';
import { isIsoDate, addDays } from '../../shared/dates.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { latestPerformance, latestSatisfaction } from './sql.ts';

/** `rated`: cases whose latest 回访 recorded 满意/基本满意/不满意 (满意率's denominator); `satisfied`: 满意 or 基本满意. */
export const statMeasures = ['accepted', 'succeeded', 'failed', 'open', 'oral', 'written', 'performed', 'confirmed', 'difficult', 'rated', 'satisfied', 'dissatisfied'] as const;
export type StatMeasure = (typeof statMeasures)[number];

const date = v.pipe(v.string(), v.check(isIsoDate));

/** Query fields GET /api/cases accepts for drilling into statistics (`to` is inclusive). */
export const StatFilterFields = {
  from: v.optional(date),
  to: v.optional(date),
  measure: v.optional(v.picklist(statMeasures)),
  row: v.optional(v.pipe(v.string(), v.regex(/^\d{2}$/))),
  source: v.optional(v.picklist(caseSources)),
};

export interface StatFilter {
  from?: string | undefined;
  to?: string | undefined;
  measure?: StatMeasure | undefined;
  row?: string | undefined;
  source?: string | undefined;
}

type CasesQuery<O> = SelectQueryBuilder<DB, 'cases', O>;

export function applyStatFilter<O>(query: CasesQuery<O>, f: StatFilter, kind: Store['kind']): CasesQuery<O> {
  let q = query;
  if (f.from) q = q.where('accepted_on', '>=', f.from);
  if (f.to) q = q.where('accepted_on', '<', addDays(f.to, 1));
  if (f.source) q = q.where('source', '=', f.source);
  if (f.row) {
    const leaves = categories.filter((c) => c.row === f.row).map((c) => c.code);
    const known = categories.map((c) => c.code);
    // Unknown codes count under 其他纠纷 (categories.ts statisticsRowOf).
    q = q.where((eb) => (f.row === '15' ? eb.or([eb('category_code', 'in', leaves), eb('category_code', 'not in', known)]) : eb('category_code', 'in', leaves.length > 0 ? leaves : ['-'])));
  }
  if (!f.measure) return q;
  q = q.where('voided', '=', 0).where('status', '!=', 'rejected').where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', '!=', 'rejected')]));
  switch (f.measure) {
    case 'accepted':
      return q;
    case 'succeeded':
      return q.where('outcome', '=', 'success');
    case 'failed':
      return q.where('outcome', '=', 'failure');
    case 'open':
      return q.where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', 'not in', ['success', 'failure'])])).where('status', 'in', ['accepted', 'mediating']);
    case 'oral':
      return q.where('outcome', '=', 'success').where('agreement_form', '=', '口头');
    case 'written':
      return q.where('outcome', '=', 'success').where('agreement_form', '=', '书面');
    case 'performed':
      return q.where('outcome', '=', 'success').where(sql<boolean>`${latestPerformance(kind, sql.ref('cases.id'))} = '已履行'`);
    case 'confirmed':
      return q.where('outcome', '=', 'success').where('judicial_result', '=', '确认有效');
    case 'difficult':
      return q.where('is_difficult', '=', 1);
    case 'rated':
      return q.where('outcome', '=', 'success').where(sql<boolean>`${latestSatisfaction(kind, sql.ref('cases.id'))} in ('满意', '基本满意', '不满意')`);
    case 'satisfied':
      return q.where('outcome', '=', 'success').where(sql<boolean>`${latestSatisfaction(kind, sql.ref('cases.id'))} in ('满意', '基本满意')`);
    case 'dissatisfied':
      return q.where('outcome', '=', 'success').where(sql<boolean>`${latestSatisfaction(kind, sql.ref('cases.id'))} = '不满意'`);
  }
}
