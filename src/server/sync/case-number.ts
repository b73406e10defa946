// Human case numbers, assigned by the server when it first accepts a case (DESIGN.md §Data):
// `（2023）开鲁五家人调字第12号` = year accepted, the town's and the village's short names, a running
// number per committee (village) per year — both names, so two villages of a town (or two
// same-named villages of a county) never show the same number in one list. The counter rows are updated inside the push transaction, so a
// rolled-back push gives its numbers back and numbers have no gaps.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { villageBaseName } from '../../shared/ledger.ts';
import type { CommitteeRow } from './batch.ts';

const suffixes = ['街道办事处', '街道', '农场', '牧场', '林场', '苏木', '镇', '乡'];

/** 开鲁镇 → 开鲁, 清河牧场 → 清河, 辽河农场 → 辽河. */
export function shortTownName(name: string): string {
  for (const suffix of suffixes) {
    if (name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length);
  }
  return name;
}

export function formatCaseNo(year: number, townName: string, villageName: string, n: number): string {
  return `（${year}）${shortTownName(townName)}${villageBaseName(villageName)}人调字第${n}号`;
}

/** A case created in this push that still needs its number, in the order it was accepted. */
export interface NumberRequest {
  caseId: string;
  villageCode: string;
  townCode: string;
  acceptedOn: string;
  /** The accepting committee; null when none is registered for the village (numbered by the village). */
  committee?: Pick<CommitteeRow, 'id' | 'name' | 'kind' | 'short_name'> | null;
}

/**
 * A committee's abbreviation in its numbers: the registry's short name (开鲁镇调, 开鲁县医调), else
 * its name without 人民调解委员会 and 调 added (开鲁镇人民调解委员会 → 开鲁镇调).
 */
export function committeeAbbreviation(c: Pick<CommitteeRow, 'name' | 'short_name'>): string {
  const short = c.short_name?.trim();
  if (short) return short;
  return `${c.name.replace(/人民调解委员会$|调解委员会$|委员会$/, '')}调`;
}

/**
 * Each committee counts its own cases. A village's own committee keeps the village's counter and
 * the 镇+村 form it always had, unless the registry gave it a short name.
 */
function numbering(r: NumberRequest): { key: string; abbreviation?: string } {
  const c = r.committee;
  if (!c) return { key: r.villageCode };
  const own = c.kind === '村/居';
  if (own && !c.short_name) return { key: r.villageCode };
  return { key: own ? r.villageCode : `committee:${c.id}`, abbreviation: committeeAbbreviation(c) };
}

/**
 * Numbers every case a push created: one statement reserves a range per (village, year) for the
 * whole batch instead of one counter update per case, and the range is handed out in request
 * (seq) order — the same numbers one-at-a-time assignment would give. Returns caseId → number.
 */
export async function assignCaseNos(tx: Kysely<DB>, requests: readonly NumberRequest[]): Promise<Map<string, string>> {
  const numbers = new Map<string, string>();
  if (requests.length === 0) return numbers;
  const groups = new Map<string, NumberRequest[]>();
  for (const r of requests) {
    const key = counterKey(numbering(r).key, Number(r.acceptedOn.slice(0, 4)));
    const group = groups.get(key) ?? [];
    group.push(r);
    groups.set(key, group);
  }
  const values = [...groups.values()].map((group) => {
    const first = group[0] as NumberRequest;
    return { village_code: numbering(first).key, year: Number(first.acceptedOn.slice(0, 4)), last: group.length };
  });
  const counters = await tx.insertInto('case_numbers').values(values)
    .onConflict((oc) => oc.columns(['village_code', 'year']).doUpdateSet({ last: sql<number>`case_numbers.last + excluded.last` }))
    .returning(['village_code', 'year', 'last']).execute();
  const codes = [...new Set(requests.flatMap((r) => [r.townCode, r.villageCode]))];
  const areas = await tx.selectFrom('areas').select(['code', 'name']).where('code', 'in', codes).execute();
  const name = new Map(areas.map((a) => [a.code, a.name]));
  for (const counter of counters) {
    const year = Number(counter.year);
    const group = groups.get(counterKey(counter.village_code, year)) ?? [];
    const start = Number(counter.last) - group.length + 1;
    for (const [i, r] of group.entries()) {
      const abbreviation = numbering(r).abbreviation;
      if (abbreviation !== undefined) numbers.set(r.caseId, `（${year}）${abbreviation}字第${start + i}号`);
      else numbers.set(r.caseId, formatCaseNo(year, name.get(r.townCode) ?? r.townCode, name.get(r.villageCode) ?? r.villageCode.slice(9), start + i));
    }
  }
  return numbers;
}

const counterKey = (villageCode: string, year: number) => `${villageCode}|${year}`;
