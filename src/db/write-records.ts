// The write path of 排查 and 上报 records (shared/screening.ts, alerts.ts): like write.ts for cases,
// the record and its outbox entry in ONE transaction, so neither exists without the other and
// "已保存" is said only once both are on the phone. The header's caseId carries the record's id.
import { uuidv7 } from 'uuidv7';
import { SCHEMA_VERSION, type Mutation, type RecordMutation, type ReferralMutation } from '../shared/mutations.ts';
import type { ScreeningRecord } from '../shared/screening.ts';
import type { AlertRecord } from '../shared/alerts.ts';
import type { DeviceMeta } from './schema.ts';
import { deviceMeta } from './device.ts';
import { StorageFullError, isQuotaError } from './errors.ts';
import type { WriteContext } from './write.ts';

/** Saves a 排查 round as the phone now holds it and queues it whole. */
export function writeScreening(ctx: WriteContext, record: ScreeningRecord): Promise<ScreeningRecord> {
  return queueRecord(ctx, record.id, { name: 'screening.save', args: { record } }, record.version, async () => {
    await ctx.db.screenings.put(record);
    return record;
  });
}

/** Raises a 上报: shown at once on this phone, sent with the next sync. */
export function writeAlert(ctx: WriteContext, alert: AlertRecord): Promise<AlertRecord> {
  return queueRecord(ctx, alert.id, { name: 'alert.raise', args: { alert } }, 0, async () => {
    await ctx.db.alerts.put(alert);
    return alert;
  });
}

/** Acknowledges a 上报 (staff): the local copy shows who and when until the server's replaces it. */
export function writeAlertAck(ctx: WriteContext, alert: AlertRecord, byName: string): Promise<AlertRecord> {
  const acked: AlertRecord = { ...alert, ack: { by: ctx.userId, byName, at: ctx.now().toISOString() } };
  return queueRecord(ctx, alert.id, { name: 'alert.ack', args: { alertId: alert.id } }, alert.version, async () => {
    await ctx.db.alerts.put(acked);
    return acked;
  });
}

/**
 * The record write and its outbox entry in one transaction. `id` goes in the header's caseId:
 * the record's own id for 排查 and 上报, the case's for 移交 (write-referrals.ts).
 */
export async function queueRecord<T>(ctx: WriteContext, id: string, body: RecordMutation | ReferralMutation, baseVersion: number, write: () => Promise<T>): Promise<T> {
  const { db } = ctx;
  await deviceMeta(db);
  try {
    return await db.transaction('rw', [db.outbox, db.meta, db.screenings, db.alerts, db.referrals], async () => {
      const meta = (await db.meta.get('device')) as DeviceMeta;
      const mutation = {
        ...body, mutationId: uuidv7(), clientId: meta.clientId, seq: meta.nextSeq, schemaVersion: SCHEMA_VERSION, caseId: id,
        baseVersion, deviceTime: ctx.now().toISOString(), userId: ctx.userId,
      } as Mutation;
      const saved = await write();
      await db.outbox.add(mutation);
      await db.meta.update('device', { nextSeq: meta.nextSeq + 1 });
      return saved;
    });
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error);
    throw error;
  }
}
