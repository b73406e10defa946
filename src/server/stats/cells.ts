// Pre-aggregated statistics for wide areas (a province, the nation), after DHIS2's analytics
// tables (peers.md §3 B8). Cells are StatGroup rows at four grains — county × month, county ×
// year, province × month, province × year — so a province-year or national-year roll-up sums a
// few thousand rows instead of millions of cases.
//
// To keep them few, cells hold only what the roll-up can count: 不予受理 and 作废 are left out,
// and a status is stored as a representative of its class ('accepted' for the open statuses,
// 'archived' for the rest), the agreement form only where the mediation succeeded. The shared
// roll-up gives the same numbers over cells as over cases (stats-sql property test).
//
// Refresh follows the change stream: every county with a case change after the last refresh's
// server_seq is recomputed whole, then its province, in one write transaction. The watermark is
// the clock read before recomputing, so a change committed meanwhile is picked up next time: a
// refresh can be late, never wrong for what it covers.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isMonthAligned } from '../../shared/stat-periods.ts';
import { openStatuses, type Period } from '../../shared/stats.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { statSums, sumNames } from '../../shared/fields/stat-sums.ts';
import { caseFacts, casesWithVisit, groupSums, toKeyedGroup, type GroupQuery, type GroupRow, type KeyedGroup } from './sql.ts';

// Column lists are built from one array each, in one order: an INSERT … SELECT pairs columns by
// position, so the listed columns and the selected sums can never drift apart.
const dimNames = ['category_code', 'source', 'status', 'outcome', 'agreement_form', 'performance', 'confirmation', 'satisfaction'] as const;
const sumCells = ['n', ...sumNames.map((s) => statSums[s].cell)];
const dims = sql.join(dimNames.map((d) => sql.ref(d)));
const sums = sql.join(sumCells.map((c) => sql`sum(${sql.ref(c)})`));
const columns = sql`area_code, period, ${dims}, ${sql.join(sumCells.map((c) => sql.ref(c)))}`;
/** Sums of the cells under their own names (the roll-up's GroupRow). */
const namedSums = sql.join(sumCells.map((c) => sql`sum(${sql.ref(`f.${c}`)}) as ${sql.ref(c)}`));

async function recomputeCounties(tx: Kysely<DB>, kind: Store['kind'], counties: readonly string[] | 'all'): Promise<void> {
  const where = counties === 'all' ? sql`1 = 1` : sql`c.county_code in (${sql.join(counties)})`;
  // Literals, not parameters: PostgreSQL must see the same expression in SELECT and GROUP BY.
  const status = sql`case when f.status in (${sql.join(openStatuses.map((s) => sql.lit(s)))}) then 'accepted' else 'archived' end`;
  const form = sql`case when f.outcome = 'success' then f.agreement_form end`;
  const confirmation = sql`case when f.outcome = 'success' then f.confirmation end`;
  const dimOf: Record<(typeof dimNames)[number], RawBuilder<unknown>> = {
    category_code: sql`f.category_code`, source: sql`f.source`, status, outcome: sql`f.outcome`, agreement_form: form,
    performance: sql`f.performance`, confirmation, satisfaction: sql`f.satisfaction`,
  };
  const keys = sql`f.county_code, substr(f.accepted_on, 1, 7), ${sql.join(dimNames.map((d) => dimOf[d]))}`;
  // groupSums is n and then every sum in sumNames' order: the order of `columns`.
  await sql`
    insert into stat_cells (${columns})
    select ${keys}, ${groupSums}
    from (select ${caseFacts(kind)} from ${casesWithVisit} where ${where}) f
    where f.voided = 0 and f.status <> 'rejected' and (f.outcome is null or f.outcome <> 'rejected')
    group by ${keys}`.execute(tx);
  const months = counties === 'all' ? sql`length(area_code) = 6` : sql`area_code in (${sql.join(counties)})`;
  await sql`insert into stat_cells (${columns}) select area_code, substr(period, 1, 4), ${dims}, ${sums} from stat_cells
    where ${months} and length(period) = 7 group by area_code, substr(period, 1, 4), ${dims}`.execute(tx);
}

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
  const state = await store.read.selectFrom('stat_cells_state').select(['last_seq', 'refreshed_at']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (Number(clock.seq) <= Number(state.last_seq)) return { lastSeq: Number(state.last_seq), refreshedAt: state.refreshed_at };
  return store.write(async (tx) => {
    const current = await tx.selectFrom('stat_cells_state').select('last_seq').where('id', '=', 1).executeTakeFirstOrThrow();
    const upTo = Number((await tx.selectFrom('sync_clock').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq);
    const changed = await tx.selectFrom('change_log').select('county_code').distinct()
      .where('entity', '=', 'case').where('server_seq', '>', Number(current.last_seq)).where('server_seq', '<=', upTo).execute();
    const counties = changed.map((r) => r.county_code).filter((c) => c.length === 6);
    for (let i = 0; i < counties.length; i += 200) {
      const slice = counties.slice(i, i + 200);
      await tx.deleteFrom('stat_cells').where('area_code', 'in', slice).execute();
      await recomputeCounties(tx, store.kind, slice);
    }
    await recomputeProvinces(tx, [...new Set(counties.map((c) => c.slice(0, 2)))]);
    const refreshedAt = now().toISOString();
    await tx.updateTable('stat_cells_state').set({ last_seq: upTo, refreshed_at: refreshedAt }).where('id', '=', 1).execute();
    return { lastSeq: upTo, refreshedAt };
  });
}

/** Recomputes every cell (after a bulk load that bypassed the change stream, e.g. a benchmark). */
export async function rebuildCells(store: Store, now: () => Date): Promise<void> {
  await store.write(async (tx) => {
    const upTo = Number((await tx.selectFrom('sync_clock').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq);
    await tx.deleteFrom('stat_cells').execute();
    await recomputeCounties(tx, store.kind, 'all');
    const provinces = await tx.selectFrom('stat_cells').select(sql<string>`substr(area_code, 1, 2)`.as('p')).distinct().execute();
    await recomputeProvinces(tx, provinces.map((r) => r.p));
    await tx.updateTable('stat_cells_state').set({ last_seq: upTo, refreshed_at: now().toISOString() }).where('id', '=', 1).execute();
  });
}

/** Whole calendar years (the year cells answer them). */
const isYearAligned = (p: Period) => p.from.endsWith('-01-01') && p.to.endsWith('-01-01');

/**
 * Roll-up rows from the cells; the period must be whole months. Splitting by child (counties)
 * reads county cells; otherwise a whole province or the nation reads the province cells.
 */
export async function cellGroups(db: Kysely<DB>, q: GroupQuery): Promise<KeyedGroup[]> {
  if (!isMonthAligned(q.period)) throw new Error('cells answer whole months only');
  const byYear = q.by !== 'month' && isYearAligned(q.period);
  const countyGrain = q.by === 'child' || q.area.length === 4;
  const from = byYear ? q.period.from.slice(0, 4) : q.period.from.slice(0, 7);
  const to = byYear ? q.period.to.slice(0, 4) : q.period.to.slice(0, 7);
  const key = q.by === 'month' ? sql`f.period` : q.by === 'child' ? sql`f.area_code` : sql`''`;
  const grain = countyGrain ? sql`length(f.area_code) = 6` : sql`length(f.area_code) = 2`;
  const scope = q.area === '' ? sql`1 = 1` : sql`substr(f.area_code, 1, ${Math.min(q.area.length, countyGrain ? 6 : 2)}) = ${countyGrain ? q.area : q.area.slice(0, 2)}`;
  const result = await sql<GroupRow>`
    select ${key} as key, f.category_code, f.source, f.status, f.outcome, f.agreement_form, 0 as voided, f.performance, f.confirmation,
      f.satisfaction, ${namedSums}
    from stat_cells f
    where length(f.period) = ${byYear ? 4 : 7} and f.period >= ${from} and f.period < ${to} and ${grain} and ${scope}
    group by 1, 2, 3, 4, 5, 6, 8, 9, 10`.execute(db);
  return result.rows.map(toKeyedGroup);
}

/**
 * County months that arrived from another server (federation): rebuild those counties' year cells
 * from their month cells, then their provinces' — the same sums refreshCells makes for hosted counties.
 */
export async function rebuildFromMonths(tx: Kysely<DB>, countyYears: readonly (readonly [county: string, year: string])[]): Promise<void> {
  for (const [county, year] of countyYears) {
    await tx.deleteFrom('stat_cells').where('area_code', '=', county).where('period', '=', year).execute();
    await sql`insert into stat_cells (${columns}) select area_code, substr(period, 1, 4), ${dims}, ${sums} from stat_cells
      where area_code = ${county} and length(period) = 7 and substr(period, 1, 4) = ${year} group by area_code, substr(period, 1, 4), ${dims}`.execute(tx);
  }
  await recomputeProvinces(tx, [...new Set(countyYears.map(([county]) => county.slice(0, 2)))]);
}
