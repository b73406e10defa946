// A phone's DeviceReport (protocol.ts), sent with its push or pull, kept on its devices row for
// the 设备 list. Recorded after the sync itself answered: a report never makes a sync fail.
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
  await ctx.store.db.updateTable('devices').set({
    app_version: device.appVersion,
    pending_changes: device.pending,
    storage_bytes: device.storageBytes ?? null,
    clock_skew_ms: Date.parse(device.deviceTime) - now.getTime(),
    reported_at: now.toISOString(),
  }).where('client_id', '=', clientId).where('user_id', '=', principal.userId).execute();
}
