// Which change_log rows a principal receives, in SQL (pull) and in memory (a push's own page):
// one rule for both, so a phone never gets in one what the other would withhold.
import type { SelectQueryBuilder } from 'kysely';
import type { ChangeLogTable, DB } from '../store/schema.ts';
import { mediatorCommittees, scopeCodes, scopeColumn, type Principal } from '../auth/principal.ts';

/**
 * A mediator receives what their committees hold (a 镇调委会's cases, none of its villages'), and
 * rows without a committee (an area with none registered) by the account's area as before; staff
 * by their area's prefix column.
 */
export function whereInScope<O>(q: SelectQueryBuilder<DB, 'change_log', O>, principal: Principal): SelectQueryBuilder<DB, 'change_log', O> {
  const column = scopeColumn(principal.scope);
  const codes = scopeCodes(principal);
  const committees = mediatorCommittees(principal);
  if (committees !== undefined) {
    return q.where((eb) => eb.or([
      eb('committee_id', 'in', [...committees]),
      eb.and([eb('committee_id', 'is', null), eb('village_code', 'in', codes)]),
    ]));
  }
  return column === null ? q : q.where(column, 'in', codes);
}

type Row = Pick<ChangeLogTable, 'village_code' | 'town_code' | 'county_code' | 'committee_id'>;

export function rowInScope(principal: Principal, row: Row): boolean {
  const column = scopeColumn(principal.scope);
  const codes = scopeCodes(principal);
  const committees = mediatorCommittees(principal);
  if (committees !== undefined) return row.committee_id === null ? codes.includes(row.village_code) : committees.includes(row.committee_id);
  return column === null || codes.includes(row[column]);
}
