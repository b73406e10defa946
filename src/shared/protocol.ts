// The sync wire format, defined once and validated at both ends (sync.md §2). PROTOCOL_VERSION
// lets an outdated installed app get a clear "please update" answer (HTTP 426) while keeping its
// outbox; the server accepts mutations of every SCHEMA_VERSION it still knows.

import type { CaseRecord } from './case.ts';
import type { CaseEvent } from './events.ts';
import type { Mutation, FieldConflict } from './mutations.ts';
import type { ScreeningRecord } from './screening.ts';
import type { AlertRecord } from './alerts.ts';
import type { ReferralRecord } from './referral.ts';

export const PROTOCOL_VERSION = 1;
/**
 * Most mutations in one push request. Each push is one write transaction (one fsync) on the
 * server, and the page its answer carries is written on the device while the next batch is at
 * the server (engine.ts): a few mid-sized batches keep both ends busy — 1,000 new cases go up in
 * 4 requests, against 5 unpipelined ones of 200 before. Changes per pull page: sync.md's ~1,000.
 */
export const PUSH_BATCH = 250;
export const PULL_PAGE = 1000;
/** Largest push body a device sends, in UTF-8 bytes (the server takes up to 4 MB); one oversized mutation still goes alone. */
export const PUSH_BYTES = 3 * 1024 * 1024;

/**
 * What a phone says about itself with each sync, for the office's 设备 list: optional, so phones
 * from before it keep syncing. The server derives the clock skew from `deviceTime`.
 */
export interface DeviceReport {
  appVersion: string;
  /** Changes in the outbox, not yet acknowledged. */
  pending: number;
  /** Bytes the app stores on the phone (navigator.storage.estimate), when the browser says. */
  storageBytes?: number;
  /** The phone's clock when the request was made (ISO). */
  deviceTime: string;
}

export interface PushRequest {
  protocolVersion: number;
  clientId: string;
  device?: DeviceReport;
  mutations: Mutation[];
  /**
   * The device's pull cursor for its scope. When nothing in scope committed between it and this
   * push, the answer carries this push's own changes as the next pull page (`page`).
   */
  cursor?: number;
}

export type MutationResult =
  | { seq: number; mutationId: string; status: 'applied' }
  /** Already processed earlier: `original` (and, when it was rejected, `code`/`message`) is the stored result. */
  | { seq: number; mutationId: string; status: 'duplicate'; original?: 'applied' | 'rejected' | 'duplicate'; code?: string; message?: string }
  | { seq: number; mutationId: string; status: 'rejected'; code: string; message: string };

export interface PushResponse {
  /** The server's last processed seq for this client after the push. */
  lastProcessedSeq: number;
  results: MutationResult[];
  /** Set when the batch started after a gap: send again from this seq. */
  expectedSeq?: number;
  /**
   * The pull page that follows the request's `cursor`: exactly this push's changes in the
   * device's scope, whole, with `lastProcessedSeq` covering the batch. Absent when the server
   * committed nothing or other changes came in between (the device then pulls as usual).
   */
  page?: PullResponse;
  /** The server's timeline (see PullResponse.epoch). */
  epoch?: string;
}

export interface PullRequest {
  protocolVersion: number;
  clientId: string;
  device?: DeviceReport;
  cursor: number;
  limit?: number;
}

/** A conflict or rejected mutation waiting for a person (the 待核对 inbox). */
export interface ReviewItem {
  id: string;
  caseId: string;
  villageCode: string;
  kind: 'conflict' | 'rejected';
  /** keptBy/otherBy are user ids; the names are the accounts' display names when the item was made. */
  conflict?: FieldConflict & {
    keptBy: string; otherBy: string; otherDeviceTime: string; keptByName?: string; otherByName?: string;
    /** The devices and times of both writes, so one person on two phones can tell them apart (absent on older items). */
    keptClientId?: string; keptDeviceTime?: string; otherClientId?: string;
  };
  rejected?: { mutation: Mutation; code: string; message: string; byName?: string };
  status: 'open' | 'resolved';
  createdAt: string;
  /** A refused change someone marked 知道了 (review.dismiss): who and when, set by the server. */
  dismissed?: { by: string; byName: string; at: string };
}

export type Change =
  | { serverSeq: number; entity: 'case'; op: 'upsert'; id: string; data: CaseRecord }
  | { serverSeq: number; entity: 'event'; op: 'upsert'; id: string; data: CaseEvent }
  | { serverSeq: number; entity: 'review'; op: 'upsert'; id: string; data: ReviewItem }
  | { serverSeq: number; entity: 'screening'; op: 'upsert'; id: string; data: ScreeningRecord }
  | { serverSeq: number; entity: 'alert'; op: 'upsert'; id: string; data: AlertRecord }
  /** A 移交, sent to both committees' phones (its `id` here is the row's: the record's is `data.id`). */
  | { serverSeq: number; entity: 'referral'; op: 'upsert'; id: string; data: ReferralRecord }
  /** The record left this device's scope (moved village): delete the local copy. */
  | { serverSeq: number; entity: 'case'; op: 'evict'; id: string };

export interface PullResponse {
  changes: Change[];
  cursor: number;
  hasMore: boolean;
  /** This client's last processed seq, read in the same snapshot as the changes. */
  lastProcessedSeq: number;
  /** Set when this device was revoked (lost phone): erase local case data. */
  wipe?: boolean;
  /**
   * Set when the cursor sent is ahead of the server's clock (the server was restored from a
   * backup): nothing after it exists here, so the device pulls again from 0 (`cursor` is 0).
   */
  resync?: boolean;
  /**
   * The id of the server database's timeline; a new one after a backup was restored. A device
   * that synced under another epoch sends again what the server acknowledged and then lost, and
   * pulls everything again (src/sync/restore.ts). Absent in a page carried inside a push answer.
   */
  epoch?: string;
}

