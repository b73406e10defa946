// A phone's DeviceReport (protocol.ts), sent with its push or pull, kept on its devices row for
// the 设备 list. Recorded after the sync itself answered: a report never makes a sync fail.
// Written through store.write, so it joins the writes queued meanwhile in one COMMIT (group
// commit): on its own connection's autocommit every report was an fsync of its own on the single
// writer, one per push and one per pull, that the next phone's push queued behind (issue #13).
// The sync's answer does not wait for it (noteDeviceReport): a pull would otherwise queue for
// the writer behind every push, for a line of the 设备 list.
import * as v from 'valibot';
import { DeviceReportSchema } from '../../shared/protocol-schema.ts';
import type { Principal } from '../auth/principal.ts';
import type { Ctx } from '../deps.ts';

const WithReport = v.looseObject({ clientId: v.string(), device: DeviceReportSchema });

export async function recordDeviceReport(ctx: Ctx, principal: Principal, body: unknown): Promise<void> {
  const parsed = v.safeParse(WithReport, body);
  if (!parsed.success) return;
  const { clientId, device } = parsed.output;
  const now = ctx.now();
  await ctx.store.write((tx) => tx.updateTable('devices').set({
    app_version: device.appVersion,
    pending_changes: device.pending,
    storage_bytes: device.storageBytes ?? null,
    clock_skew_ms: Date.parse(device.deviceTime) - now.getTime(),
    reported_at: now.toISOString(),
  }).where('client_id', '=', clientId).where('user_id', '=', principal.userId).execute());
}

/** Records the report without holding up the sync's answer; a failed report is dropped (the next sync sends another). */
export function noteDeviceReport(ctx: Ctx, principal: Principal, body: unknown): void {
  recordDeviceReport(ctx, principal, body).catch(() => undefined);
}
