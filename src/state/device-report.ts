// What this phone tells the server about itself with each sync (protocol.ts DeviceReport): the
// app version, changes not yet acknowledged, the storage it uses and its clock, so the office's
// 设备 list can see a phone that has stopped syncing or has a wrong date.
import { version } from '../../package.json';
import type { DeviceReport } from '../shared/protocol.ts';
import { db } from './app-state.ts';
import { deviceMeta } from '../db/device.ts';

export const APP_VERSION = version;

export async function deviceReport(): Promise<DeviceReport> {
  const pending = await db.outbox.count();
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  return {
    appVersion: APP_VERSION,
    pending,
    ...(estimate?.usage !== undefined ? { storageBytes: estimate.usage } : {}),
    deviceTime: new Date().toISOString(),
  };
}

/** This phone's id, as its syncs carry it (the 设备 list's rows are keyed by it). */
export async function thisClientId(): Promise<string> {
  return (await deviceMeta(db)).clientId;
}
