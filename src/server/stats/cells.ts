// Pre-aggregated statistics, after DHIS2's analytics tables (peers.md §3 B8). Dimension cells
// are StatGroup rows of a town and a month, so a county roll-up reads a few hundred rows instead
// of 150,000 cases; beside them, stored totals (totals.ts) hold each town's, county's and
// province's finished roll-up by month and by year, which is what the dashboard and the report
// read. Counties whose figures arrived from another server (federation) have no town cells: their
// county-month cells are kept in their import rows (federation/cells.ts) and read from there; a
// county, province or year of dimension cells is summed when asked (cellGroups), never stored.
//
// To keep them few, cells hold only what the roll-up can count: 不予受理 and 作废 are left out,
// and a status is stored as a representative of its class ('accepted' for the open statuses,
// 'archived' for the rest), the agreement form only where the mediation succeeded. The shared
// roll-up gives the same numbers over cells as over cases (stats-sql property tests).
//
// Refresh is incremental: the cases changed since the last refresh (a case row, or an event of it —
// a 回访 changes 履行) mark the town-months they were counted in before (`stat_case_keys`) and
// the ones they belong to now; only those town-months are recomputed from the cases, then the
// totals of those town-months and of the county, province and years above them. All in one
// write transaction. Beside them, the month totals of only the villages the changed cases were or
// are in (a town split by village reads those). The watermark is the clock read first, so a change committed meanwhile is
// picked up next time: a refresh can be late, never wrong for what it covers.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isMonthAligned, monthPeriod } from '../../shared/stat-periods.ts';
import { openStatuses } from '../../shared/stats.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { caseFacts, casesWithVisit, committeeTypeKey, groupColumns, groupSums, rollupByKeyInSlices, toKeyedGroups, type GroupBy, type GroupQuery, type GroupRow, type KeyedGroup } from './sql.ts';
import { groupOfCell, importedCellsUnder } from '../federation/cells.ts';
import { countyMonthTotals, dimNames, provinceMonthTotals, putMany, sumCells, townMonthTotals, yearTotals, type AreaPeriod } from './totals.ts';
import { pushInto } from '../../shared/group.ts';

// Column lists are built from one array each, in one order: an INSERT … SELECT pairs columns by
// position, so the listed columns and the selected sums can never drift apart.
const dims = sql.join(dimNames.map((d) => sql.ref(d)));
const columns = sql`area_code, period, ${dims}, ${sql.join(sumCells.map((c) => sql.ref(c)))}`;
/** Sums of the cells under their own names (the roll-up's GroupRow). */
const namedSums = sql.join(sumCells.map((c) => sql`sum(${sql.ref(`f.${c}`)}) as ${sql.ref(c)}`));

/** IN lists stay well under both databases' parameter limits. */
const CHUNK = 400;
const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** What a cell or a village total counts: 不予受理 and 作废 count nowhere (stats.ts decides the same). */
const countedOnly = sql`f.voided = 0 and f.status <> 'rejected' and (f.outcome is null or f.outcome <> 'rejected')`;

/** A town and a month whose cells must be recomputed. */
type TownMonth = AreaPeriod;

const distinct = (pairs: readonly AreaPeriod[]): AreaPeriod[] => [...new Map(pairs.map((p) => [`${p[0]}|${p[1]}`, p] as const)).values()];
const yearsOf = (pairs: readonly AreaPeriod[]): AreaPeriod[] => distinct(pairs.map(([a, m]) => [a, m.slice(0, 4)]));

/** Recomputes the given town-months' dimension cells from the cases. */
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
  const insert = (where: RawBuilder<unknown>) => sql`
    insert into stat_cells (${columns})
    select ${keys}, ${groupSums}
    from (select ${caseFacts(kind)} from ${casesWithVisit} where ${where}) f
    where ${countedOnly}
    group by ${keys}`.execute(tx);
  // groupSums is n and then every sum in sumNames' order: the order of `columns`.
  for (const [town, months] of byTown) {
    if (months.length <= 2) {
      // A push's one or two months, each as a range of 受理日期 on the (town, accepted_on) index:
      // they read their own cases, not every case of the town.
      for (const month of months) {
        const { from, to } = monthPeriod(month);
        await tx.deleteFrom('stat_cells').where('area_code', '=', town).where('period', '=', month).execute();
        await insert(sql`c.town_code = ${town} and c.accepted_on >= ${from} and c.accepted_on < ${to}`);
      }
      continue;
    }
    // Many months of a town (counting afresh, a big import): one pass over the town's cases.
    for (const some of chunks(months)) {
      await tx.deleteFrom('stat_cells').where('area_code', '=', town).where('period', 'in', some).execute();
      await insert(sql`c.town_code = ${town} and substr(c.accepted_on, 1, 7) in (${sql.join(some)})`);
    }
  }
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

/** What to recompute: the town-months and village-months the changed cases were counted in last time and are in now. */
interface Dirty {
  towns: TownMonth[];
  villages: AreaPeriod[];
}

async function dirtyOf(tx: Kysely<DB>, ids: readonly string[] | 'all'): Promise<Dirty> {
  const towns: TownMonth[] = [];
  const villages: AreaPeriod[] = [];
  const add = (r: { town_code: string | null; village_code: string | null; month: string | null }) => {
    if (r.town_code && r.month) towns.push([r.town_code, r.month]);
    if (r.village_code && r.month) villages.push([r.village_code, r.month]);
  };
  const keys = ['town_code', 'village_code', 'month'] as const;
  if (ids === 'all') {
    await tx.deleteFrom('stat_case_keys').execute();
    await sql`insert into stat_case_keys (case_id, town_code, village_code, month) select id, town_code, village_code, substr(accepted_on, 1, 7) from cases`.execute(tx);
    for (const r of await tx.selectFrom('stat_case_keys').select(keys).distinct().execute()) add(r);
  } else {
    for (const some of chunks(ids)) {
      for (const r of await tx.selectFrom('stat_case_keys').select(keys).where('case_id', 'in', some).execute()) add(r);
      await tx.deleteFrom('stat_case_keys').where('case_id', 'in', some).execute();
      await sql`insert into stat_case_keys (case_id, town_code, village_code, month) select id, town_code, village_code, substr(accepted_on, 1, 7) from cases where id in (${sql.join(some)})`.execute(tx);
      for (const r of await tx.selectFrom('stat_case_keys').select(keys).where('case_id', 'in', some).execute()) add(r);
    }
  }
  return { towns: distinct(towns), villages: distinct(villages) };
}

/**
 * Village-month totals (a town split by village reads them, issue #13): only the village-months
 * the changed cases were or are in — one phone's push is one village's month, not its town's
 * dozens of villages (rolling up those made each push's refresh ~1 s at 150,000 cases, 0300).
 * Each is the roll-up of the groups the live roll-up of that village and month reads (sql.ts
 * liveGroups) that count at all, as the cells keep them, over the (village, 受理日期) index; a
 * year is the sum of its months. The rows are few: a village's month, not its town's.
 */
async function villageMonthTotals(tx: Kysely<DB>, kind: Store['kind'], dirty: readonly AreaPeriod[]): Promise<void> {
  const byMonth = new Map<string, string[]>();
  for (const [village, month] of dirty) pushInto(byMonth, month, village);
  for (const [month, villages] of byMonth) {
    const { from, to } = monthPeriod(month);
    for (const some of chunks(villages)) {
      const rows = await sql<GroupRow>`select f.village_code as key, ${groupColumns}, ${groupSums}
        from (select ${caseFacts(kind)} from ${casesWithVisit}
              where c.village_code in (${sql.join(some)}) and c.accepted_on >= ${from} and c.accepted_on < ${to}) f
        where ${countedOnly}
        group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`.execute(tx);
      const byVillage = await rollupByKeyInSlices(await toKeyedGroups(rows.rows));
      // A village with no case left in the month loses its total.
      await putMany(tx, some.map((village) => [village, month, byVillage.get(village)]));
    }
  }
  await yearTotals(tx, yearsOf(dirty));
}

/** Recomputes what the changed cases touch: their town-months' cells, then the totals from there up. */
async function recompute(tx: Kysely<DB>, kind: Store['kind'], ids: readonly string[] | 'all'): Promise<void> {
  const { towns, villages } = await dirtyOf(tx, ids);
  let counties = distinct(towns.map(([t, m]) => [t.slice(0, 6), m]));
  const hostedTotals = ids === 'all' && towns.length === 0
    ? await tx.selectFrom('stat_totals').select('area_code').where(sql`length(area_code)`, '=', 9).limit(1).executeTakeFirst()
    : undefined;
  if (ids === 'all' && towns.length === 0 && hostedTotals === undefined) {
    // Nothing hosted here (a province or national server: no cases, no town totals): every total
    // is an imported county's or a sum of them, written by its import in the same transaction as
    // its cells (federation/import.ts). Only imported months without a total (imported before the
    // totals existed, 0220) are summed now — not the whole table again.
    const missing = await sql<{ area_code: string; period: string }>`select i.county_code as area_code, i.month as period from federation_imports i
      where i.replaced_at is null and not exists (select 1 from stat_totals t where t.area_code = i.county_code and t.period = i.month)`.execute(tx);
    counties = missing.rows.map((r): AreaPeriod => [r.area_code, r.period]);
    if (counties.length > 0) await totalsUp(tx, [], counties);
    return;
  }
  if (ids === 'all') {
    // Counting afresh: every town cell and every total anew, the totals of counties imported by
    // federation (whose county cells stay) included.
    await tx.deleteFrom('stat_totals').execute();
    await tx.deleteFrom('stat_cells').where(sql`length(area_code)`, '=', 9).execute();
    const imported = await tx.selectFrom('federation_imports').select(['county_code', 'month']).where('replaced_at', 'is', null).execute();
    counties = distinct([...counties, ...imported.map((r): AreaPeriod => [r.county_code, r.month])]);
  }
  if (counties.length === 0) return;
  await recomputeTownMonths(tx, kind, towns);
  await villageMonthTotals(tx, kind, villages);
  await totalsUp(tx, towns, counties);
}

/** Totals of the given town-months and county-months, then their years and provinces. */
async function totalsUp(tx: Kysely<DB>, towns: readonly AreaPeriod[], counties: readonly AreaPeriod[]): Promise<void> {
  await townMonthTotals(tx, towns);
  await yearTotals(tx, yearsOf(towns));
  await countyMonthTotals(tx, counties);
  await yearTotals(tx, yearsOf(counties));
  const provinces = distinct(counties.map(([c, m]) => [c.slice(0, 2), m]));
  await provinceMonthTotals(tx, provinces);
  await yearTotals(tx, yearsOf(provinces));
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
    await recompute(tx, store.kind, 'all');
    await tx.updateTable('stat_cells_state').set({ last_seq: upTo, refreshed_at: now().toISOString(), counted: 1 }).where('id', '=', 1).execute();
  });
}

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
    case 2:
      return by === 'child' ? 6 : 2;
    default:
      // The nation: its children are the provinces (childAreas('') lists them), not the counties.
      return 2;
  }
}

/**
 * Which stored totals answer a query: those of cellLevel, and for a town split by village its
 * villages' (villageMonthTotals). A village itself is left to its cases (small).
 */
export function totalsLevel(area: string, by: GroupBy): 12 | 9 | 6 | 2 | undefined {
  return area.length === 9 && by === 'child' ? 12 : cellLevel(area, by);
}

/**
 * Roll-up rows from the dimension cells, summed here: the town-months of hosted counties and the
 * county-months of imported ones (never both for one county). The period must be whole months
 * and the area have a cell level. The dashboard reads the stored totals instead (totals.ts); this
 * is what a county's month is sent upstream as, and what the property tests check.
 */
export async function cellGroups(db: Kysely<DB>, q: GroupQuery): Promise<KeyedGroup[]> {
  const level = cellLevel(q.area, q.by);
  if (!isMonthAligned(q.period) || level === undefined) throw new Error('cells answer whole months of a town or wider only');
  // 调解主体: cells imported from another server do not say ('').
  const key = q.by === 'month' ? sql`f.period` : q.by === 'child' ? sql`substr(f.area_code, 1, ${level})`
    : q.by === 'committeeType' ? sql`coalesce(f.committee_type, '')` : sql`''`;
  const scope = q.area === '' ? sql`1 = 1` : sql`substr(f.area_code, 1, ${q.area.length}) = ${q.area}`;
  const from = q.period.from.slice(0, 7);
  const to = q.period.to.slice(0, 7);
  const result = await sql<GroupRow>`
    select ${key} as key, f.category_code, f.source, f.status, f.outcome, f.agreement_form, 0 as voided, f.performance, f.confirmation,
      f.satisfaction, ${namedSums}
    from stat_cells f
    where length(f.period) = 7 and f.period >= ${from} and f.period < ${to}
      and length(f.area_code) >= ${level} and ${scope}
    group by 1, 2, 3, 4, 5, 6, 8, 9, 10`.execute(db);
  // The counties imported by federation keep their cells in their import rows (federation/cells.ts):
  // each cell is a group of its own (the roll-up adds groups, it never needs them merged), and a
  // county is counted at the levels the SQL above counts it (an area code as long as `level`).
  const imported: KeyedGroup[] = [];
  for (const { county, month, cells } of await importedCellsUnder(db, q.area, from, to)) {
    if (county.length < level) continue;
    const key = q.by === 'month' ? month : q.by === 'child' ? county.slice(0, level) : '';
    for (const cell of cells) imported.push({ key, ...groupOfCell(cell) });
  }
  // A county-year has thousands of dimension rows: a slice at a time (sql.ts toKeyedGroups).
  return [...(await toKeyedGroups(result.rows)), ...imported];
}

/** A hosted county's month as dimension cells (summed from its towns'), as federation sends it. */
export async function countyMonthCells(db: Kysely<DB>, county: string, month: string): Promise<Record<string, unknown>[]> {
  const result = await sql<Record<string, unknown>>`select ${dims}, ${sql.join(sumCells.map((c) => sql`sum(${sql.ref(c)}) as ${sql.ref(c)}`))}
    from stat_cells where length(area_code) = 9 and substr(area_code, 1, 6) = ${county} and period = ${month} group by ${dims}`.execute(db);
  return result.rows;
}

/**
 * County months that arrived from another server (federation): their totals from their cells,
 * then their years' and their provinces' — the same sums refreshCells makes for hosted counties.
 */
export async function rebuildFromMonths(tx: Kysely<DB>, countyMonths: readonly (readonly [county: string, month: string])[]): Promise<void> {
  await totalsUp(tx, [], distinct(countyMonths));
}
