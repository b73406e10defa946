// Rows ↔ records for 移交, and their change_log rows. A referral is read by two committees, so
// each write queues two change rows: one under the sending committee (its committee_id and area),
// one under the receiving one. Their entity_ids differ (`id@from`, `id@to`) so that compaction and
// a first pull, which keep only the newest row of an (entity, id) in one area, never let one
// side's row hide the other's; the phone keys the record by `data.id`.
import type { Insertable } from 'kysely';
import type { ReferralRecord, ReferralSide } from '../../shared/referral.ts';
import type { ReferralsTable } from '../store/schema.ts';
import type { PendingChange } from '../sync/batch.ts';

export function referralRow(r: ReferralRecord): Insertable<ReferralsTable> & { data: string } {
  return {
    id: r.id, case_id: r.caseId, from_committee_id: r.from.committeeId, from_area: r.from.areaCode, to_committee_id: r.to.committeeId,
    to_area: r.to.areaCode, county_code: r.from.countyCode, status: r.status, sent_at: r.sentAt, due_on: r.dueOn, decided_at: r.decidedAt,
    version: r.version, data: JSON.stringify(r),
  };
}

const sideChange = (id: string, side: ReferralSide, key: 'from' | 'to', data: string): PendingChange => ({
  entity: 'referral', entity_id: `${id}@${key}`, village_code: side.areaCode, town_code: side.townCode, county_code: side.countyCode,
  committee_id: side.committeeId, op: 'upsert', data,
});

/** The two change rows of a written referral. */
export const referralChanges = (r: ReferralRecord, data: string): PendingChange[] => [sideChange(r.id, r.from, 'from', data), sideChange(r.id, r.to, 'to', data)];
