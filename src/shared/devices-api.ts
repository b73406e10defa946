// GET /api/devices: the phones of an office's area as the 设备 list shows them, and the rules
// that flag one for attention (the same on the desk and in a mediator's 本机状态).

export interface DeviceRow {
  clientId: string;
  owner: { id: string; displayName: string; username: string; role: string; areaCode: string; areaName: string };
  userAgent: string;
  registeredAt: string;
  /** The last push or pull (or report) the server saw from it. */
  lastSyncAt: string;
  appVersion: string | null;
  pending: number | null;
  storageBytes: number | null;
  clockSkewMs: number | null;
  /** Changes from this phone the server refused that still wait in 待核对. */
  refused: number;
  revoked: { at: string; byName: string; reason: string | null } | null;
}

export interface DeviceList {
  devices: DeviceRow[];
  /** The server's clock: "silent for N days" is counted from it, not from the viewer's laptop. */
  now: string;
}

export const SILENT_DAYS = 7;
/** A clock more than this far off makes dates typed on the phone suspect. */
export const SKEW_WARN_MS = 5 * 60 * 1000;

export type DeviceFlag = 'silent' | 'refused' | 'skew';

export function deviceFlags(d: DeviceRow, now: string): DeviceFlag[] {
  if (d.revoked) return [];
  const flags: DeviceFlag[] = [];
  if (Date.parse(now) - Date.parse(d.lastSyncAt) > SILENT_DAYS * 86_400_000) flags.push('silent');
  if (d.refused > 0) flags.push('refused');
  if (d.clockSkewMs !== null && Math.abs(d.clockSkewMs) > SKEW_WARN_MS) flags.push('skew');
  return flags;
}
