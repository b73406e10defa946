// Pre-aggregated statistics, after DHIS2's analytics tables (peers.md §3 B8). Cells are StatGroup
// rows at three levels — town, county, province — each by month and by year, so a county-year
// roll-up sums a few hundred town rows instead of 150,000 cases, and a national year a few
// thousand province rows.
//
// To keep them few, cells hold only what the roll-up can count: 不予受理 and 作废 are left out,
// and a status is stored as a representative of its class ('accepted' for the open statuses,
// 'archived' for the rest), the agreement form only where the mediation succeeded. The shared
// roll-up gives the same numbers over cells as over cases (stats-sql property tests).
//
// Refresh is incremental: the cases changed since the last refresh (a case row, or an event of it —
// a 回访 changes 履行) mark the town-months they were counted in before (`stat_case_keys`) and
// the ones they belong to now; only those town-months are recomputed from the cases, then the
// county and province cells of the same periods are re-summed from the level below. All in one
// write transaction. The watermark is the clock read first, so a change committed meanwhile is
// picked up next time: a refresh can be late, never wrong for what it covers. Counties whose
// figures arrived from another server (federation) have county cells only, which the re-summing
// of their province includes.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isMonthAligned } from '../../shared/stat-periods.ts';
import { openStatuses, type Period } from '../../shared/stats.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { statSums, sumNames } from '../../shared/fields/stat-sums.ts';
import { caseFacts, casesWithVisit, committeeTypeKey, groupSums, toKeyedGroup, type GroupBy, type GroupQuery, type GroupRow, type KeyedGroup } from './sql.ts';

// Column lists are built from one array each, in one order: an INSERT … SELECT pairs columns by
// position, so the listed columns and the selected sums can never drift apart.
const dimNames = ['category_code', 'source', 'status', 'outcome', 'agreement_form', 'performance', 'confirmation', 'satisfaction', 'committee_type'] as const;
const sumCells = ['n', ...sumNames.map((s) => statSums[s].cell)];
const dims = sql.join(dimNames.map((d) => sql.ref(d)));
const sums = sql.join(sumCells.map((c) => sql`sum(${sql.ref(c)})`));
const columns = sql`area_code, period, ${dims}, ${sql.join(sumCells.map((c) => sql.ref(c)))}`;
/** Sums of the cells under their own names (the roll-up's GroupRow). */
const namedSums = sql.join(sumCells.map((c) => sql`sum(${sql.ref(`f.${c}`)}) as ${sql.ref(c)}`));

/** IN lists stay well under both databases' parameter limits. */
const CHUNK = 400;
const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** An area and a period (YYYY-MM or YYYY): the key of a group of cells. */
type AreaPeriod = readonly [area: string, period: string];
/** A town and a month whose cells must be recomputed. */
type TownMonth = AreaPeriod;

const distinct = (pairs: readonly AreaPeriod[]): AreaPeriod[] => [...new Map(pairs.map((p) => [`${p[0]}|${p[1]}`, p] as const)).values()];
const yearsOf = (pairs: readonly AreaPeriod[]): AreaPeriod[] => distinct(pairs.map(([a, m]) => [a, m.slice(0, 4)]));

/** Recomputes the given town-months from the cases (grouped by town so each town is one query). */
async function recomputeTownMonths(tx: Kysely<DB>, kind: Store['kind'], dirty: readonly TownMonth[]): Promise<void> {
  // Literals, not parameters: PostgreSQL must see the same expression in SELECT and GROUP BY.
  const status = sql`case when f.status in (${sql.join(openStatuses.map((s) => sql.lit(s)))}) then 'accepted' else 'archived' end`;
  const form = sql`case when f.outcome = 'success' then f.agreement_form end`;
  const confirmation = sql`case when f.outcome = 'success' then f.confirmation end`;
  const dimOf: Record<(typeof dimNames)[number], RawBuilder<unknown>> = {
    category_code: sql`f.category_code`, source: sql`f.source`, status, outcome: sql`f.outcome`, agreement_form: form,
    performance: sql`f.performance`, confirmation, satisfaction: sql`f.satisfaction`, committee_type: committeeTypeKey,
  };
  const keys = sql`f.town_code, substr(f.accepted_on, 1, 7), ${sql.join(dimNames.map((d) => dimOf[d]))}`;
  const byTown = new Map<string, string[]>();
  for (const [town, month] of dirty) byTown.set(town, [...(byTown.get(town) ?? []), month]);
  for (const [town, months] of byTown) {
    for (const some of chunks(months)) {
      await tx.deleteFrom('stat_cells').where('area_code', '=', town).where('period', 'in', some).execute();
      // groupSums is n and then every sum in sumNames' order: the order of `columns`.
      await sql`
        insert into stat_cells (${columns})
        select ${keys}, ${groupSums}
        from (select ${caseFacts(kind)} from ${casesWithVisit} where c.town_code = ${town} and substr(c.accepted_on, 1, 7) in (${sql.join(some)})) f
        where f.voided = 0 and f.status <> 'rejected' and (f.outcome is null or f.outcome <> 'rejected')
        group by ${keys}`.execute(tx);
    }
  }
}

/**
 * Re-sums the cells of `areas` (all of one level) for `periods` from the level below: the
 * areas' own months from their children's months, and a year from the area's own months.
 */
async function resum(tx: Kysely<DB>, parentLength: 6 | 2, childLength: 9 | 6, pairs: readonly AreaPeriod[]): Promise<void> {
  for (const [area, month] of distinct(pairs)) {
    await tx.deleteFrom('stat_cells').where('area_code', '=', area).where('period', '=', month).execute();
    await sql`insert into stat_cells (${columns}) select ${area}, period, ${dims}, ${sums} from stat_cells
      where length(area_code) = ${childLength} and substr(area_code, 1, ${parentLength}) = ${area} and period = ${month}
      group by period, ${dims}`.execute(tx);
  }
  for (const [area, year] of yearsOf(pairs)) await yearFromMonths(tx, area, year);
}

/** An area's year cells, summed from its own month cells. */
async function yearFromMonths(tx: Kysely<DB>, area: string, year: string): Promise<void> {
  await tx.deleteFrom('stat_cells').where('area_code', '=', area).where('period', '=', year).execute();
  await sql`insert into stat_cells (${columns}) select area_code, substr(period, 1, 4), ${dims}, ${sums} from stat_cells
    where area_code = ${area} and length(period) = 7 and substr(period, 1, 4) = ${year} group by area_code, substr(period, 1, 4), ${dims}`.execute(tx);
}

/** The cases changed after `since`: their own rows, and those whose events (回访 …) changed. */
async function changedCases(tx: Kysely<DB>, since: number, upTo: number): Promise<string[]> {
  const rows = await tx.selectFrom('change_log').select(['entity', 'entity_id']).distinct()
    .where('entity', 'in', ['case', 'event']).where('server_seq', '>', since).where('server_seq', '<=', upTo).execute();
  const ids = new Set(rows.filter((r) => r.entity === 'case').map((r) => r.entity_id));
  for (const some of chunks(rows.filter((r) => r.entity === 'event').map((r) => r.entity_id))) {
    for (const e of await tx.selectFrom('events').select('case_id').distinct().where('id', 'in', some).execute()) ids.add(e.case_id);
  }
  return [...ids];
}

/** Town-months to recompute: where the cases were counted last time and where they are now. */
async function dirtyOf(tx: Kysely<DB>, ids: readonly string[] | 'all'): Promise<TownMonth[]> {
  const dirty: TownMonth[] = [];
  const add = (town: string | null, month: string | null) => town && month && dirty.push([town, month]);
  if (ids === 'all') {
    await tx.deleteFrom('stat_case_keys').execute();
    await sql`insert into stat_case_keys (case_id, town_code, month) select id, town_code, substr(accepted_on, 1, 7) from cases`.execute(tx);
    for (const r of await tx.selectFrom('stat_case_keys').select(['town_code', 'month']).distinct().execute()) add(r.town_code, r.month);
  } else {
    for (const some of chunks(ids)) {
      for (const r of await tx.selectFrom('stat_case_keys').select(['town_code', 'month']).where('case_id', 'in', some).execute()) add(r.town_code, r.month);
      await tx.deleteFrom('stat_case_keys').where('case_id', 'in', some).execute();
      await sql`insert into stat_case_keys (case_id, town_code, month) select id, town_code, substr(accepted_on, 1, 7) from cases where id in (${sql.join(some)})`.execute(tx);
      for (const r of await tx.selectFrom('stat_case_keys').select(['town_code', 'month']).where('case_id', 'in', some).execute()) add(r.town_code, r.month);
    }
  }
  return distinct(dirty);
}

/** Recomputes what the changed cases touch: their town-months, then the counties and provinces above. */
async function recompute(tx: Kysely<DB>, kind: Store['kind'], ids: readonly string[] | 'all'): Promise<void> {
  const towns = await dirtyOf(tx, ids);
  if (towns.length === 0) return;
  await recomputeTownMonths(tx, kind, towns);
  for (const [town, year] of yearsOf(towns)) await yearFromMonths(tx, town, year);
  const counties = distinct(towns.map(([t, m]) => [t.slice(0, 6), m]));
  await resum(tx, 6, 9, counties);
  if (ids === 'all') {
    // Counting afresh: every province whole, so no province period keeps a sum of vanished cells.
    const provinces = await tx.selectFrom('stat_cells').select(sql<string>`substr(area_code, 1, 2)`.as('p')).distinct().where(sql`length(area_code)`, '=', 6).execute();
    await recomputeProvinces(tx, provinces.map((r) => r.p));
  } else {
    await resum(tx, 2, 6, counties.map(([c, m]) => [c.slice(0, 2), m]));
  }
}

/** A province's cells, all periods, re-summed from its counties (after a federation import). */
async function recomputeProvinces(tx: Kysely<DB>, provinces: readonly string[]): Promise<void> {
  for (const province of provinces) {
    await tx.deleteFrom('stat_cells').where('area_code', '=', province).execute();
    await sql`insert into stat_cells (${columns}) select ${province}, period, ${dims}, ${sums} from stat_cells
      where length(area_code) = 6 and substr(area_code, 1, 2) = ${province} group by period, ${dims}`.execute(tx);
  }
}

export interface CellsState {
  lastSeq: number;
  refreshedAt: string | null;
}

/** Brings the cells up to the current clock; returns when they were last made complete. */
export async function refreshCells(store: Store, now: () => Date): Promise<CellsState> {
  const clock = await store.read.selectFrom('sync_clock').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  const state = await store.read.selectFrom('stat_cells_state').select(['last_seq', 'refreshed_at', 'counted']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (Number(state.counted) === 1 && Number(clock.seq) <= Number(state.last_seq)) return { lastSeq: Number(state.last_seq), refreshedAt: state.refreshed_at };
  return store.write(async (tx) => {
    const current = await tx.selectFrom('stat_cells_state').select(['last_seq', 'counted']).where('id', '=', 1).executeTakeFirstOrThrow();
    const upTo = Number((await tx.selectFrom('sync_clock').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq);
    // Until every case has been counted once (a new server, an upgraded one) there is no "before".
    await recompute(tx, store.kind, Number(current.counted) === 0 ? 'all' : await changedCases(tx, Number(current.last_seq), upTo));
    const refreshedAt = now().toISOString();
    await tx.updateTable('stat_cells_state').set({ last_seq: upTo, refreshed_at: refreshedAt, counted: 1 }).where('id', '=', 1).execute();
    return { lastSeq: upTo, refreshedAt };
  });
}

/** Recomputes every cell (after a bulk load that bypassed the change stream, e.g. a benchmark). */
export async function rebuildCells(store: Store, now: () => Date): Promise<void> {
  await store.write(async (tx) => {
    const upTo = Number((await tx.selectFrom('sync_clock').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq);
    await tx.deleteFrom('stat_cells').execute();
    await recompute(tx, store.kind, 'all');
    await tx.updateTable('stat_cells_state').set({ last_seq: upTo, refreshed_at: now().toISOString(), counted: 1 }).where('id', '=', 1).execute();
  });
}

/** Whole calendar years (the year cells answer them). */
const isYearAligned = (p: Period) => p.from.endsWith('-01-01') && p.to.endsWith('-01-01');

/**
 * Which cells answer a query: split by child, the level below the area; otherwise the area's own
 * level (a prefecture, which has no cells, sums its counties'). A town split by village and a
 * village are left to the cases (undefined): they are small.
 */
export function cellLevel(area: string, by: GroupBy): 9 | 6 | 2 | undefined {
  switch (area.length) {
    case 12:
      return undefined;
    case 9:
      return by === 'child' ? undefined : 9;
    case 6:
      return by === 'child' ? 9 : 6;
    case 4:
      return 6;
    default:
      return by === 'child' ? 6 : 2;
  }
}

/** Roll-up rows from the cells; the period must be whole months and the area have a cell level. */
export async function cellGroups(db: Kysely<DB>, q: GroupQuery): Promise<KeyedGroup[]> {
  const level = cellLevel(q.area, q.by);
  if (!isMonthAligned(q.period) || level === undefined) throw new Error('cells answer whole months of a town or wider only');
  const byYear = q.by !== 'month' && isYearAligned(q.period);
  const from = byYear ? q.period.from.slice(0, 4) : q.period.from.slice(0, 7);
  const to = byYear ? q.period.to.slice(0, 4) : q.period.to.slice(0, 7);
  const key = q.by === 'month' ? sql`f.period` : q.by === 'child' ? sql`f.area_code` : q.by === 'committeeType' ? sql`coalesce(f.committee_type, '')` : sql`''`;
  const scope = q.area === '' ? sql`1 = 1` : sql`substr(f.area_code, 1, ${q.area.length}) = ${q.area}`;
  const result = await sql<GroupRow>`
    select ${key} as key, f.category_code, f.source, f.status, f.outcome, f.agreement_form, 0 as voided, f.performance, f.confirmation,
      f.satisfaction, ${namedSums}
    from stat_cells f
    where length(f.period) = ${byYear ? 4 : 7} and f.period >= ${from} and f.period < ${to} and length(f.area_code) = ${level} and ${scope}
    group by 1, 2, 3, 4, 5, 6, 8, 9, 10`.execute(db);
  return result.rows.map(toKeyedGroup);
}

/**
 * County months that arrived from another server (federation): rebuild those counties' year cells
 * from their month cells, then their provinces' — the same sums refreshCells makes for hosted counties.
 */
export async function rebuildFromMonths(tx: Kysely<DB>, countyYears: readonly (readonly [county: string, year: string])[]): Promise<void> {
  for (const [county, year] of countyYears) await yearFromMonths(tx, county, year);
  await recomputeProvinces(tx, [...new Set(countyYears.map(([county]) => county.slice(0, 2)))]);
}
