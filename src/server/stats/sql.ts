// The statistics as SQL aggregates: GROUP BY rows shaped like shared/stats.ts StatGroup, which the
// shared roll-up adds up exactly as it adds up a device's own cases. SQL selects the area and the
// period and sums; it never decides what counts as 受理/成功/不成/未结 (that is stats.ts alone).
// County and below read the cases table (indexed by area column and 受理日期); wider areas read the
// monthly pre-aggregated cells (cells.ts).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AgreementForm, CaseSource, ConfirmationResult, PerformanceStatus } from '../../shared/case.ts';
import type { CaseOutcome, CaseStatus } from '../../shared/lifecycle.ts';
import { mergeRollups, rollupGroups, type Period, type Rollup, type Satisfaction, type StatGroup } from '../../shared/stats.ts';
import { caseColumnNames, statSums, sumNames, type CellColumn, type SumName, type SumSpec, type Sums } from '../../shared/fields/stat-sums.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';

/** How rows are split: not at all, by the next level of the area tree, or by month (YYYY-MM). */
/** 'committeeType': by the 调解主体 of the committee that holds the case (issue #14). */
export type GroupBy = 'none' | 'child' | 'month' | 'committeeType';

export type KeyedGroup = StatGroup & { key: string };

export interface GroupQuery {
  /** '' (everything), or a 2/4/6/9/12-digit 区划代码 prefix. */
  area: string;
  period: Period;
  by: GroupBy;
}

/** The cases column that holds codes of the next level below `area`. */
export function childColumn(area: string): 'town_code' | 'village_code' | 'county_code' {
  if (area.length === 6) return 'town_code';
  if (area.length >= 9) return 'village_code';
  return 'county_code';
}

function scopeCondition(area: string): RawBuilder<unknown> {
  switch (area.length) {
    case 12:
      return sql`c.village_code = ${area}`;
    case 9:
      return sql`c.town_code = ${area}`;
    case 6:
      return sql`c.county_code = ${area}`;
    case 0:
      return sql`1 = 1`;
    default:
      return sql`substr(c.county_code, 1, ${area.length}) = ${area}`;
  }
}

/** One finding of a case's latest 回访 (JSON inside the event row; dialects differ). */
function latestVisit(kind: Store['kind'], caseId: RawBuilder<unknown>, name: 'performance' | 'satisfaction'): RawBuilder<string | null> {
  const field = kind === 'sqlite' ? sql`json_extract(e.data, ${`$.data.${name}`})` : sql`(e.data::json #>> ${`{data,${name}}`})`;
  return sql<string | null>`(select ${field} from events e where e.kind = 'visit' and e.case_id = ${caseId} order by e.created_at desc, e.id desc limit 1)`;
}

/** The 履行 finding of a case's latest 回访. */
export const latestPerformance = (kind: Store['kind'], caseId: RawBuilder<unknown>) => latestVisit(kind, caseId, 'performance');
/** The 满意程度 of a case's latest 回访 (群众满意度). */
export const latestSatisfaction = (kind: Store['kind'], caseId: RawBuilder<unknown>) => latestVisit(kind, caseId, 'satisfaction');

/**
 * The cases `c`, each joined to its latest 回访 `v` when its mediation succeeded (a 回访 follows an
 * agreement): one lookup per case gives both 履行 and 满意度.
 */
export const casesWithVisit = sql`cases c left join events v on c.outcome = 'success' and v.id = (select e.id from events e
  where e.kind = 'visit' and e.case_id = c.id order by e.created_at desc, e.id desc limit 1)`;

/** Per-case columns over casesWithVisit, as the inner query of both the live roll-up and the cells refresh. */
export function caseFacts(kind: Store['kind']): RawBuilder<unknown> {
  const summed = sql.join(caseColumnNames.map((c) => sql.ref(`c.${c}`)));
  const field = (name: string) => (kind === 'sqlite' ? sql`json_extract(v.data, ${`$.data.${name}`})` : sql`(v.data::json #>> ${`{data,${name}}`})`);
  return sql`c.id, c.village_code, c.town_code, c.county_code, c.accepted_on, c.category_code, c.source, c.status, c.outcome,
    c.agreement_form, c.judicial_result as confirmation, c.voided, ${summed},
    (select k.kind from committees k where k.id = c.committee_id) as committee_type,
    ${field('performance')} as performance, ${field('satisfaction')} as satisfaction`;
}

/** One sum over a derived table `f` of caseFacts, named by its cell column. */
function sumOf(name: SumName): RawBuilder<unknown> {
  const spec: SumSpec = statSums[name];
  const column = sql.ref(`f.${spec.column}`);
  const value = spec.how === 'value' ? column : sql`case when ${column} > 0 then 1 else 0 end`;
  return sql`sum(${value}) as ${sql.ref(spec.cell)}`;
}

/** The sums every group carries, over a derived table `f` of caseFacts: n, then every sum by name. */
export const groupSums = sql`count(*) as n, ${sql.join(sumNames.map(sumOf))}`;

export type GroupRow = {
  key: string;
  category_code: string;
  source: string;
  status: string;
  outcome: string | null;
  agreement_form: string | null;
  voided: number;
  performance: string | null;
  satisfaction: string | null;
  confirmation: string | null;
  n: number;
} & Record<CellColumn, number>;

/** A case without a committee (none was registered for its village) is a village's: 村/居. */
export const committeeTypeKey = sql`coalesce(f.committee_type, '村/居')`;

const num = (v: unknown) => Number(v ?? 0);

/** Each sum's name and its column, listed once (toKeyedGroup runs for every row of a roll-up). */
export const sumColumns = sumNames.map((s) => [s, statSums[s].cell] as const);

export function toKeyedGroup(r: GroupRow): KeyedGroup {
  const sums = {} as Sums;
  for (const [s, cell] of sumColumns) sums[s] = num(r[cell]);
  return {
    key: r.key, categoryCode: r.category_code, source: r.source as CaseSource, status: r.status as CaseStatus,
    outcome: r.outcome as CaseOutcome, agreementForm: r.agreement_form as AgreementForm | null, voided: num(r.voided) !== 0,
    performance: r.performance as PerformanceStatus | null, satisfaction: r.satisfaction as Satisfaction | null, confirmation: r.confirmation as ConfirmationResult | null, n: num(r.n),
    sums,
  };
}

/**
 * Rows handled between two turns of the event loop in the live roll-ups below: ~500 groups are
 * added up in ~5 ms on a quiet machine, ~15 ms on a loaded one.
 */
const SLICE = 500;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows as groups, a slice at a time with a turn of the event loop between slices. */
export async function toKeyedGroups(rows: readonly GroupRow[]): Promise<KeyedGroup[]> {
  const groups: KeyedGroup[] = [];
  for (let i = 0; i < rows.length; i += SLICE) {
    if (i > 0) await nextTurn();
    for (const row of rows.slice(i, i + SLICE)) groups.push(toKeyedGroup(row));
  }
  return groups;
}

/**
 * rollupByKey for the server: a live roll-up of a big town or a long custom period has tens of
 * thousands of group rows, and adding them up in one go held the event loop for 100+ ms (issue
 * #13). Each key's groups are added a slice at a time, the slices' roll-ups merged (every figure
 * is a sum), with a turn of the event loop between slices.
 */
export async function rollupByKeyInSlices(groups: readonly KeyedGroup[], period?: Period): Promise<Map<string, Rollup>> {
  const byKey = new Map<string, KeyedGroup[]>();
  for (const g of groups) {
    let list = byKey.get(g.key);
    if (!list) byKey.set(g.key, (list = []));
    list.push(g);
  }
  const out = new Map<string, Rollup>();
  let done = 0;
  for (const [key, list] of byKey) {
    const parts: Rollup[] = [];
    for (let i = 0; i < list.length; i += SLICE) {
      if (done >= SLICE) {
        await nextTurn();
        done = 0;
      }
      const slice = list.slice(i, i + SLICE);
      parts.push(rollupGroups(slice, period));
      done += slice.length;
    }
    out.set(key, parts.length === 1 ? (parts[0] as Rollup) : mergeRollups(parts));
  }
  return out;
}

export const groupColumns = sql`f.category_code, f.source, f.status, f.outcome, f.agreement_form, f.voided, f.performance, f.confirmation, f.satisfaction`;

/** Live roll-up rows straight from the cases (county, town or village; any period). */
export async function liveGroups(db: Kysely<DB>, kind: Store['kind'], q: GroupQuery): Promise<KeyedGroup[]> {
  // The nation's children are its provinces (the first two digits), as childAreas('') lists them.
  const child = q.area === '' ? sql`substr(f.county_code, 1, 2)` : sql.ref(`f.${childColumn(q.area)}`);
  const key = q.by === 'month' ? sql`substr(f.accepted_on, 1, 7)` : q.by === 'child' ? child : q.by === 'committeeType' ? committeeTypeKey : sql`''`;
  const result = await sql<GroupRow>`
    select ${key} as key, ${groupColumns}, ${groupSums}
    from (select ${caseFacts(kind)} from ${casesWithVisit}
          where ${scopeCondition(q.area)} and c.accepted_on >= ${q.period.from} and c.accepted_on < ${q.period.to}) f
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`.execute(db);
  return toKeyedGroups(result.rows);
}
