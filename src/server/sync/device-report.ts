// A phone's DeviceReport (protocol.ts), sent with its push or pull, kept on its devices row for
// the 设备 list. Recorded after the sync itself answered: a report never makes a sync fail.
// Written through the store's group commit, so it joins the writes queued meanwhile in one COMMIT:
// on its own connection's autocommit every report was an fsync of its own on the single writer,
// one per push and one per pull, that the next phone's push queued behind (issue #13). On SQLite
// it is an operation of the writer's thread (thread-ops.ts): a push's report is written there
// right after the push, in the same COMMIT, and a pull's is one message, not a statement's round
// trip. The sync's answer does not wait for a pull's report: a pull would otherwise queue for the
// writer behind every push, for a line of the 设备 list.
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { DeviceReportSchema } from '../../shared/protocol-schema.ts';
import type { Principal } from '../auth/principal.ts';
import type { Ctx } from '../deps.ts';
import type { DB } from '../store/schema.ts';

const WithReport = v.looseObject({ clientId: v.string(), device: DeviceReportSchema });

/** The devices row's columns a report sets, for one of the user's devices. */
export interface DeviceReportRow {
  clientId: string;
  userId: string;
  app_version: string;
  pending_changes: number;
  storage_bytes: number | null;
  clock_skew_ms: number;
  reported_at: string;
}

/** The report a sync body carries, if it carries a valid one. */
export function deviceReportOf(body: unknown, userId: string, now: Date): DeviceReportRow | undefined {
  const parsed = v.safeParse(WithReport, body);
  if (!parsed.success) return undefined;
  const { clientId, device } = parsed.output;
  return {
    clientId, userId,
    app_version: device.appVersion,
    pending_changes: device.pending,
    storage_bytes: device.storageBytes ?? null,
    clock_skew_ms: Date.parse(device.deviceTime) - now.getTime(),
    reported_at: now.toISOString(),
  };
}

export async function writeDeviceReport(tx: Kysely<DB>, row: DeviceReportRow): Promise<void> {
  const { clientId, userId, ...set } = row;
  await tx.updateTable('devices').set(set).where('client_id', '=', clientId).where('user_id', '=', userId).execute();
}

export async function recordDeviceReport(ctx: Ctx, principal: Principal, body: unknown): Promise<void> {
  const row = deviceReportOf(body, principal.userId, ctx.now());
  if (!row) return;
  if (ctx.store.writerOp) await ctx.store.writerOp({ kind: 'deviceReport', row });
  else await ctx.store.write((tx) => writeDeviceReport(tx, row));
}

/** Records the report without holding up the sync's answer; a failed report is dropped (the next sync sends another). */
export function noteDeviceReport(ctx: Ctx, principal: Principal, body: unknown): void {
  recordDeviceReport(ctx, principal, body).catch(() => undefined);
}
