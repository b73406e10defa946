// The filters and sort of GET /api/cases (and its XLSX export): one parser and one query builder
// for both, so the export is exactly the list on screen. Party and mediator names live inside the
// case JSON (never in an index, DESIGN.md §Data): they are matched with the database's own JSON
// functions — json_each on SQLite, jsonb_array_elements on PostgreSQL.
import { sql, type SelectQueryBuilder } from 'kysely';
import * as v from 'valibot';
import { caseStatuses } from '../../shared/lifecycle.ts';
import { caseListSorts, type CaseListSort } from '../../shared/case-list-api.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { StatFilterFields, applyStatFilter } from '../stats/case-filter.ts';

const text = v.pipe(v.string(), v.trim(), v.maxLength(40));

export const CaseListQuery = v.strictObject({
  area: v.optional(v.pipe(v.string(), v.regex(/^(\d{6}|\d{9}|\d{12})$/))),
  status: v.optional(v.picklist(caseStatuses)),
  year: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/))),
  review: v.optional(v.picklist(['1', '0'])),
  category: v.optional(v.pipe(v.string(), v.regex(/^\d{2,4}$/))),
  no: v.optional(text),
  party: v.optional(text),
  mediator: v.optional(text),
  sort: v.optional(v.picklist(caseListSorts)),
  dir: v.optional(v.picklist(['asc', 'desc'])),
  page: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/))),
  pageSize: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/))),
  ...StatFilterFields,
});
export type CaseListQuery = v.InferOutput<typeof CaseListQuery>;

export type CasesQuery<O> = SelectQueryBuilder<DB, 'cases', O>;

/** LIKE pattern for "contains", with the user's own % and _ taken literally. */
function contains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

function partyNameMatches(kind: Store['kind'], pattern: string) {
  return kind === 'sqlite'
    ? sql<boolean>`exists (select 1 from json_each(cases.data, '$.private.parties') p where json_extract(p.value, '$.name') like ${pattern} escape '\\')`
    : sql<boolean>`exists (select 1 from jsonb_array_elements(cases.data::jsonb -> 'private' -> 'parties') p where p ->> 'name' like ${pattern} escape '\\')`;
}

function mediatorMatches(kind: Store['kind'], pattern: string) {
  return kind === 'sqlite'
    ? sql<boolean>`exists (select 1 from json_each(cases.data, '$.mediators') m where m.value like ${pattern} escape '\\')`
    : sql<boolean>`exists (select 1 from jsonb_array_elements_text(cases.data::jsonb -> 'mediators') m where m like ${pattern} escape '\\')`;
}

/** The area (already scope-checked) and every filter of the query. */
export function filterCases<O>(query: CasesQuery<O>, area: string, column: 'village_code' | 'town_code' | 'county_code' | null, q: CaseListQuery, kind: Store['kind']): CasesQuery<O> {
  let out = query;
  if (column) out = out.where(column, '=', area);
  if (q.status) out = out.where('status', '=', q.status);
  if (q.year) out = out.where('accepted_on', '>=', `${q.year}-01-01`).where('accepted_on', '<', `${Number(q.year) + 1}-01-01`);
  if (q.review) out = out.where('needs_review', '=', q.review === '1' ? 1 : 0);
  if (q.category) out = out.where('category_code', '=', q.category);
  if (q.no) out = out.where(sql<boolean>`coalesce(case_no, '') like ${contains(q.no)} escape '\\'`);
  if (q.party) out = out.where(partyNameMatches(kind, contains(q.party)));
  if (q.mediator) out = out.where(mediatorMatches(kind, contains(q.mediator)));
  return applyStatFilter(out, q, kind);
}

function sortExpression(kind: Store['kind'], sort: CaseListSort) {
  const json = (sqlitePath: string, pgPath: string) =>
    kind === 'sqlite' ? sql`json_extract(cases.data, ${sqlitePath})` : sql`(cases.data::jsonb #>> ${pgPath})`;
  switch (sort) {
    case 'no': return sql`cases.case_no`;
    case 'party': return json('$.private.parties[0].name', '{private,parties,0,name}');
    case 'village': return sql`cases.village_code`;
    case 'category': return sql`cases.category_code`;
    case 'source': return sql`cases.source`;
    case 'accepted': return sql`cases.accepted_on`;
    case 'status': return sql`cases.status`;
    case 'mediator': return json('$.mediators[0]', '{mediators,0}');
    case 'review': return sql`cases.needs_review`;
  }
}

/** Sorted by the chosen column, then 受理日期 newest first and id, so pages never overlap. */
export function sortCases<O>(query: CasesQuery<O>, q: CaseListQuery, kind: Store['kind']): CasesQuery<O> {
  const sort = q.sort ?? 'accepted';
  const dir = q.dir ?? 'desc';
  // Empty values last in either direction, the same on both databases.
  const expr = sortExpression(kind, sort);
  let out = query.orderBy(sql`${expr} is null`).orderBy(sql`${expr}`, dir);
  if (sort !== 'accepted') out = out.orderBy('accepted_on', 'desc');
  return out.orderBy('id');
}
