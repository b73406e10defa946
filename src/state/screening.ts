// 排查 and 上报 for the screens: live reads of the phone's copies (synced in the scope's pull),
// the actions that save through db/write-records.ts, and the town's month coverage (server).
import { uuidv7 } from 'uuidv7';
import type { ScreeningFinding, ScreeningRecord, ScreeningCoverage } from '../shared/screening.ts';
import { compareAlerts, type AlertGrade, type AlertReason, type AlertRecord } from '../shared/alerts.ts';
import { alertProblem, screeningProblem } from '../shared/screening-schema.ts';
import { localDate } from '../shared/dates.ts';
import { DomainError } from '../db/errors.ts';
import { writeAlert, writeAlertAck, writeScreening } from '../db/write-records.ts';
import { db, profile, writeContext } from './app-state.ts';
import { useLive, type Live } from './live.ts';
import { session } from './session.ts';
import { getJson } from './dashboard.ts';

/** The area this phone records 排查 for: the mediator's village, or the town staff's own town. */
export function screeningArea(): string | undefined {
  const s = session.value;
  if (s && s.me.role === 'town') return s.me.scope;
  return profile.value?.villageCode ?? (s?.me.role === 'mediator' ? s.me.scope : undefined);
}

export function blankScreening(areaCode: string, today: string): ScreeningRecord {
  const at = new Date().toISOString();
  return {
    id: uuidv7(), areaCode, townCode: areaCode.slice(0, 9), countyCode: areaCode.slice(0, 6), heldOn: today,
    participants: '', place: '', findings: [], keyPersons: '', hazards: '', author: '', createdAt: at, updatedAt: at, version: 0,
  };
}

export const blankFinding = (): ScreeningFinding => ({ id: uuidv7(), summary: '', persons: 2, state: 'open', caseId: null, note: '' });

/** Newest first, with whether each still waits to be sent. */
export function useScreenings(): Live<{ record: ScreeningRecord; pending: boolean }[]> {
  return useLive(async () => {
    const rows = await db.screenings.orderBy('heldOn').reverse().toArray();
    // Outbox keys only (caseId is indexed): its sealed payloads need not be opened.
    const pending = new Set<string>();
    await db.outbox.where('caseId').anyOf(rows.map((r) => r.id)).eachKey((caseId) => pending.add(String(caseId)));
    return rows.map((record) => ({ record, pending: pending.has(record.id) }));
  }, []);
}

export function useScreening(id: string): Live<ScreeningRecord | null> {
  return useLive(async () => (await db.screenings.get(id)) ?? null, [id]);
}

/** Checks and saves a round; throws DomainError naming the first problem, nothing written. */
export async function saveScreening(record: ScreeningRecord, today: string): Promise<ScreeningRecord> {
  const problem = screeningProblem(record, today);
  if (problem) throw new DomainError(problem);
  const ctx = writeContext();
  return writeScreening(ctx, { ...record, author: record.author || ctx.userId, updatedAt: ctx.now().toISOString() });
}

/** The new case a finding became: the round is saved again with the link. */
export async function linkFinding(screeningId: string, findingId: string, caseId: string): Promise<void> {
  const record = await db.screenings.get(screeningId);
  if (!record) return;
  const findings = record.findings.map((f) => (f.id === findingId ? { ...f, state: 'case' as const, caseId } : f));
  await saveScreening({ ...record, findings }, localDate(new Date()));
}

/** What the 上报 form gives; `areaCode` places the phone's own copy until the server sets it. */
export type AlertInput = Pick<AlertRecord, 'grade' | 'reasons' | 'persons' | 'summary' | 'caseId' | 'screeningId' | 'findingId' | 'areaCode'>;

export async function raiseAlert(input: AlertInput): Promise<AlertRecord> {
  const problem = alertProblem(input);
  if (problem) throw new DomainError(problem);
  const ctx = writeContext();
  const at = ctx.now().toISOString();
  const s = session.value;
  return writeAlert(ctx, {
    id: uuidv7(), ...input, townCode: input.areaCode.slice(0, 9), countyCode: input.areaCode.slice(0, 6),
    reportedBy: ctx.userId, reportedByName: s?.me.user.displayName ?? profile.value?.name ?? '', reportedAt: at, ack: null, version: 0,
  });
}

export async function ackAlert(id: string): Promise<void> {
  const alert = await db.alerts.get(id);
  if (!alert || alert.ack) return;
  await writeAlertAck(writeContext(), alert, session.value?.me.user.displayName ?? '');
}

/** Every alert on this phone, most severe and oldest first; unacknowledged ones before the rest. */
export function useAlerts(): Live<AlertRecord[]> {
  return useLive(async () => {
    const rows = await db.alerts.toArray();
    return rows.sort((a, b) => Number(a.ack !== null) - Number(b.ack !== null) || compareAlerts(a, b));
  }, []);
}

/** Red alerts nobody has acknowledged yet: they head 待办 until someone does. */
export function useOpenRedAlerts(): Live<AlertRecord[]> {
  return useLive(async () => (await db.alerts.toArray()).filter((a) => a.grade === 'red' && a.ack === null).sort(compareAlerts), []);
}

export const loadCoverage = (area: string, month: string) => getJson<ScreeningCoverage>(`/api/screenings/coverage?area=${area}&month=${month}`);
