// The server's side of the 排查 and 上报 mutations (shared/mutations.ts RecordMutation), inside the
// push's write transaction. Scope first — a 排查 or 上报 outside the pusher's area refuses the
// whole push with 403 and a Chinese sentence, as a case outside it does —, then the content rules
// (a failure is kept in 待核对 like a refused case change), then the row is written and its change
// row queued for the same commit (finalize.ts stamps them). The area of a record is the server's
// to decide: a 排查's from its committee's area code, a 上报's from the case or 排查 it names.
import type { Mutation, RecordMutation } from '../../shared/mutations.ts';
import type { ScreeningRecord } from '../../shared/screening.ts';
import { gradeFor, type AlertRecord } from '../../shared/alerts.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { screeningProblem, alertProblem } from '../../shared/screening-schema.ts';
import { localDate, addDays } from '../../shared/dates.ts';
import { canSee } from '../auth/principal.ts';
import { ApiError } from '../http/errors.ts';
import type { Applied } from '../sync/apply.ts';
import type { Batch } from '../sync/batch.ts';
import { parseJson } from '../sync/records.ts';
import { alertRow, screeningRow, recordChange } from './records.ts';

type M<N extends RecordMutation['name']> = Extract<Mutation, { name: N }>;

const refuse = (code: Extract<Applied, { status: 'rejected' }>['code'], params?: Record<string, string | number>): Applied =>
  ({ status: 'rejected', code, ...(params ? { params } : {}) });

function assertScreeningScope(b: Batch, areaCode: string): void {
  if (!canSee(b.principal, areaCode)) throw new ApiError(403, 'screening.forbidden');
}

export async function applyRecordMutation(b: Batch, m: Mutation & RecordMutation): Promise<Applied> {
  switch (m.name) {
    case 'screening.save':
      return saveScreening(b, m as M<'screening.save'>);
    case 'alert.raise':
      return raiseAlert(b, m as M<'alert.raise'>);
    case 'alert.ack':
      return ackAlert(b, m as M<'alert.ack'>);
  }
}

async function saveScreening(b: Batch, m: M<'screening.save'>): Promise<Applied> {
  const sent = m.args.record;
  const areaCode = sent.areaCode;
  const level = areaCode.length === 12 ? 'village' : areaCode.length === 9 ? 'town' : null;
  // Scope before anything else: a village mediator naming another village is refused whole.
  if (level !== null) assertScreeningScope(b, areaCode);
  const existing = await b.tx.selectFrom('screenings').select(['area_code', 'version', 'data']).where('id', '=', sent.id).executeTakeFirst();
  if (existing) assertScreeningScope(b, existing.area_code);
  if (level === null) return refuse('screening.areaUnknown');
  const area = await b.tx.selectFrom('areas').select('code').where('code', '=', areaCode).where('level', '=', level).executeTakeFirst();
  if (!area) return refuse('screening.areaUnknown');
  // A day of slack for a phone whose clock runs ahead of Beijing midnight.
  const problem = screeningProblem(sent, addDays(localDate(new Date(b.now)), 1));
  if (problem) return refuse('screening.invalid', { problem: problemText(problem) });
  const before = existing ? parseJson<ScreeningRecord>(existing.data) : undefined;
  const record: ScreeningRecord = {
    ...sent,
    areaCode, townCode: areaCode.slice(0, 9), countyCode: areaCode.slice(0, 6),
    author: before?.author ?? m.userId, createdAt: before?.createdAt ?? b.now, updatedAt: b.now,
    version: (existing ? Number(existing.version) : 0) + 1,
  };
  const row = screeningRow(record);
  await b.tx.insertInto('screenings').values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...row }))
    .execute();
  if (before && before.areaCode !== record.areaCode) b.records.push(recordChange('screening', record.id, before, null));
  b.records.push(recordChange('screening', record.id, record, row.data));
  return { status: 'applied' };
}

async function raiseAlert(b: Batch, m: M<'alert.raise'>): Promise<Applied> {
  const sent = m.args.alert;
  const existing = await b.tx.selectFrom('alerts').select(['area_code']).where('id', '=', sent.id).executeTakeFirst();
  if (existing) {
    // Raised again under another mutationId (a restored outbox): nothing new.
    assertScreeningScope(b, existing.area_code);
    return { status: 'applied' };
  }
  let areaCode: string | undefined;
  if (sent.caseId) {
    const row = await b.tx.selectFrom('cases').select('village_code').where('id', '=', sent.caseId).executeTakeFirst();
    const pending = b.caseEntry(sent.caseId)?.record.villageCode;
    areaCode = pending ?? row?.village_code;
  } else if (sent.screeningId) {
    const row = await b.tx.selectFrom('screenings').select(['area_code', 'data']).where('id', '=', sent.screeningId).executeTakeFirst();
    areaCode = row?.area_code;
    if (row && sent.findingId && !parseJson<ScreeningRecord>(row.data).findings.some((f) => f.id === sent.findingId)) areaCode = undefined;
  }
  if (areaCode === undefined) return refuse('alert.sourceMissing');
  if (!canSee(b.principal, areaCode)) throw new ApiError(403, 'auth.forbidden');
  const problem = alertProblem(sent);
  if (problem) return refuse('alert.invalid', { problem: problemText(problem, sent) });
  const alert: AlertRecord = {
    ...sent, areaCode, townCode: areaCode.slice(0, 9), countyCode: areaCode.slice(0, 6),
    reportedBy: m.userId, reportedByName: await b.displayName(m.userId), reportedAt: b.now, ack: null, version: 1,
  };
  const row = alertRow(alert);
  await b.tx.insertInto('alerts').values(row).execute();
  b.records.push(recordChange('alert', alert.id, alert, row.data));
  return { status: 'applied' };
}

async function ackAlert(b: Batch, m: M<'alert.ack'>): Promise<Applied> {
  const row = await b.tx.selectFrom('alerts').select(['area_code', 'data', 'version']).where('id', '=', m.args.alertId).executeTakeFirst();
  if (!row) return refuse('alert.notFound');
  if (!canSee(b.principal, row.area_code)) throw new ApiError(403, 'auth.forbidden');
  if (b.principal.role === 'mediator') return refuse('alert.ackStaffOnly');
  const before = parseJson<AlertRecord>(row.data);
  // Acknowledged on another desk first: the first acknowledgement stands.
  if (before.ack) return { status: 'applied' };
  const alert: AlertRecord = { ...before, ack: { by: m.userId, byName: await b.displayName(m.userId), at: b.now }, version: Number(row.version) + 1 };
  const next = alertRow(alert);
  await b.tx.updateTable('alerts').set({ acked_at: b.now, acked_by: m.userId, version: alert.version, data: next.data }).where('id', '=', alert.id).execute();
  b.records.push(recordChange('alert', alert.id, alert, next.data));
  return { status: 'applied' };
}

/** The rule's own sentence, put inside the refusal (e.g. 请填写参加人员). */
function problemText(key: MessageKey, alert?: Pick<AlertRecord, 'reasons' | 'persons'>): string {
  if (key === 'alert.gradeTooLow' && alert) return t(key, { grade: t(`alert.grade.${gradeFor(alert.reasons, alert.persons)}`) });
  return t(key);
}
