// The wire shapes of 排查 and 上报 records (structure and size: protocol-schema.ts refuses a
// malformed one with 400) and their content rules (a person's data: a failure is kept in 待核对
// with the Chinese sentence, as for cases). The content rules are plain functions, so the phone's
// form runs the same ones without valibot in its bundle.
import * as v from 'valibot';
import { count, list, short, text, uuid } from './fields/wire.ts';
import { findingStates, type ScreeningRecord } from './screening.ts';
import { alertGrades, alertReasons, gradeAllowed, type AlertRecord } from './alerts.ts';
import type { MessageKey } from './i18n/index.ts';
import { isIsoDate } from './dates.ts';

const FindingWireSchema = v.strictObject({
  id: uuid, summary: text, persons: count, state: v.picklist(findingStates), caseId: v.nullable(uuid), note: text,
});

export const ScreeningRecordWireSchema = v.strictObject({
  id: uuid, areaCode: short, townCode: short, countyCode: short, heldOn: short,
  participants: text, place: text, findings: list(FindingWireSchema, 200), keyPersons: text, hazards: text,
  author: short, createdAt: short, updatedAt: short, version: count,
});

export const AlertRecordWireSchema = v.strictObject({
  id: uuid, grade: v.picklist(alertGrades), reasons: list(v.picklist(alertReasons), alertReasons.length), persons: count, summary: text,
  caseId: v.nullable(uuid), screeningId: v.nullable(uuid), findingId: v.nullable(uuid),
  areaCode: short, townCode: short, countyCode: short, reportedBy: short, reportedByName: short, reportedAt: short,
  ack: v.nullable(v.strictObject({ by: short, byName: short, at: short })), version: count,
});

export const TEXT_MAX = 2000;

/** The first content problem of a 排查 record, as a catalogue key; undefined = acceptable. */
export function screeningProblem(r: ScreeningRecord, today: string): MessageKey | undefined {
  if (!isIsoDate(r.heldOn)) return 'screening.heldOn.required';
  if (r.heldOn > today) return 'screening.heldOn.future';
  if (r.participants.trim() === '') return 'screening.participants.required';
  for (const s of [r.participants, r.place, r.keyPersons, r.hazards]) if (s.length > TEXT_MAX) return 'validation.tooLong';
  for (const f of r.findings) {
    if (f.summary.trim() === '') return 'screening.finding.summary.required';
    if (f.summary.length > TEXT_MAX || f.note.length > TEXT_MAX) return 'validation.tooLong';
    if (f.state === 'resolved' && f.note.trim() === '') return 'screening.finding.note.required';
  }
  return undefined;
}

/** The first content problem of a 上报, as a catalogue key; undefined = acceptable. */
export function alertProblem(a: Pick<AlertRecord, 'grade' | 'reasons' | 'persons' | 'summary'>): MessageKey | undefined {
  if (a.reasons.length === 0) return 'alert.reasons.required';
  if (a.summary.trim() === '') return 'alert.summary.required';
  if (a.summary.length > TEXT_MAX) return 'validation.tooLong';
  if (!gradeAllowed(a.grade, a.reasons, a.persons)) return 'alert.gradeTooLow';
  return undefined;
}
