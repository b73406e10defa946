// Rows ↔ records for 排查 and 上报, and their change_log rows. change_log's village_code holds the
// record's own area (a village, or the town for a town committee's round), so a village's phones
// pull their village's rounds and alerts, a town's phones all of the town's, through the same
// scoped pull as cases.
import type { Insertable } from 'kysely';
import { screeningFound, screeningPrevented, type ScreeningRecord } from '../../shared/screening.ts';
import type { AlertRecord } from '../../shared/alerts.ts';
import type { AlertsTable, ScreeningsTable } from '../store/schema.ts';
import type { PendingChange } from '../sync/batch.ts';

export function screeningRow(r: ScreeningRecord): Insertable<ScreeningsTable> & { data: string } {
  return {
    id: r.id, area_code: r.areaCode, town_code: r.townCode, county_code: r.countyCode, held_on: r.heldOn,
    found: screeningFound(r), prevented: screeningPrevented(r), version: r.version, data: JSON.stringify(r), updated_at: r.updatedAt,
  };
}

export function alertRow(a: AlertRecord): Insertable<AlertsTable> & { data: string } {
  return {
    id: a.id, area_code: a.areaCode, town_code: a.townCode, county_code: a.countyCode, grade: a.grade, case_id: a.caseId,
    screening_id: a.screeningId, reported_at: a.reportedAt, acked_at: a.ack?.at ?? null, acked_by: a.ack?.by ?? null, version: a.version, data: JSON.stringify(a),
  };
}

/** An upsert (data = the stored JSON) or, with data null, an evict from the record's former area. */
export function recordChange(entity: 'screening' | 'alert', id: string, codes: { areaCode: string; townCode: string; countyCode: string }, data: string | null): PendingChange {
  return { entity, entity_id: id, village_code: codes.areaCode, town_code: codes.townCode, county_code: codes.countyCode, op: data === null ? 'evict' : 'upsert', data };
}
