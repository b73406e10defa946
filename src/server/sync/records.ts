// Rows ↔ shared records. A case row keeps the whole record as JSON plus denormalised columns for
// scope filters and statistics; the columns are always derived from the record, never set apart.
import type { Insertable } from 'kysely';
import type { CaseRecord } from '../../shared/case.ts';
import type { CaseEvent } from '../../shared/events.ts';
import { caseColumnNames, caseColumns, type CaseColumn } from '../../shared/fields/stat-sums.ts';
import type { ReviewItem } from '../../shared/protocol.ts';
import type { CasesTable, EventsTable, ReviewItemsTable } from '../store/schema.ts';

/**
 * Who last wrote each header field: `field` → userId, plus `field@client` and `field@at` → the
 * device and its time, so a later conflict can name both phones even when one person holds both.
 */
export type FieldAuthors = Record<string, string>;

export const writtenBy = (authors: FieldAuthors, field: string) =>
  ({ userId: authors[field] ?? '', clientId: authors[`${field}@client`], deviceTime: authors[`${field}@at`] });

export function setAuthor(authors: FieldAuthors, field: string, m: { userId: string; clientId: string; deviceTime: string }): void {
  authors[field] = m.userId;
  authors[`${field}@client`] = m.clientId;
  authors[`${field}@at`] = m.deviceTime;
}

export interface AreaCodes {
  villageCode: string;
  townCode: string;
  countyCode: string;
  /** The committee holding the case (0170): a mediator's phone pulls by it. */
  committeeId?: string | null;
}

export const codeColumns = (a: AreaCodes) =>
  ({ village_code: a.villageCode, town_code: a.townCode, county_code: a.countyCode, committee_id: a.committeeId ?? null });

/** The summed columns, each as the device derives it (fields/stat-sums.ts). */
const statColumns = (record: CaseRecord) =>
  Object.fromEntries(caseColumnNames.map((c) => [c, caseColumns[c].of(record)])) as Record<CaseColumn, number>;

export function caseRow(record: CaseRecord, authors: FieldAuthors): Insertable<CasesTable> {
  return {
    id: record.id,
    version: record.version,
    ...codeColumns(record),
    status: record.status,
    outcome: record.outcome,
    category_code: record.categoryCode,
    source: record.source,
    accepted_on: record.acceptedOn,
    case_no: record.caseNo,
    voided: record.voided ? 1 : 0,
    needs_review: record.needsReview ? 1 : 0,
    agreement_form: record.agreement?.form ?? null,
    judicial_result: record.judicialConfirmation?.result ?? null,
    ...statColumns(record),
    data: JSON.stringify(record),
    field_authors: JSON.stringify(authors),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export function eventRow(event: CaseEvent, now: string, committeeId: string | null = null): Insertable<EventsTable> {
  return { id: event.id, case_id: event.caseId, ...codeColumns({ ...event, committeeId }), kind: event.kind, at: event.at, data: JSON.stringify(event), created_at: now };
}

export function reviewRow(item: ReviewItem, codes: AreaCodes): Insertable<ReviewItemsTable> {
  return {
    id: item.id,
    case_id: item.caseId,
    ...codeColumns(codes),
    kind: item.kind,
    field: item.conflict?.field ?? null,
    status: item.status,
    data: JSON.stringify(item),
    created_at: item.createdAt,
    resolved_at: null,
    resolved_by: null,
  };
}

export const parseJson = <T>(text: string): T => JSON.parse(text) as T;
