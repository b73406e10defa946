// Human case numbers, assigned by the server when it first accepts a case (DESIGN.md §Data):
// `（2023）开鲁调字第12号` = year accepted, the town's short name, a running number per
// committee (village) per year. The counter row is updated inside the push transaction, so a
// rolled-back push gives its number back and numbers have no gaps.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';

const suffixes = ['街道办事处', '街道', '农场', '牧场', '林场', '苏木', '镇', '乡'];

/** 开鲁镇 → 开鲁, 清河牧场 → 清河, 辽河农场 → 辽河. */
export function shortTownName(name: string): string {
  for (const suffix of suffixes) {
    if (name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length);
  }
  return name;
}

export function formatCaseNo(year: number, townName: string, n: number): string {
  return `（${year}）${shortTownName(townName)}调字第${n}号`;
}

export async function assignCaseNo(tx: Kysely<DB>, villageCode: string, townCode: string, acceptedOn: string): Promise<string> {
  const year = Number(acceptedOn.slice(0, 4));
  const counter = await tx.insertInto('case_numbers').values({ village_code: villageCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['village_code', 'year']).doUpdateSet({ last: sql<number>`case_numbers.last + 1` }))
    .returning('last').executeTakeFirstOrThrow();
  const town = await tx.selectFrom('areas').select('name').where('code', '=', townCode).executeTakeFirst();
  return formatCaseNo(year, town?.name ?? townCode, Number(counter.last));
}
