// The device database: one Dexie class with numbered versions (STYLE.md habit 6). A shipped
// version is never edited, only followed by a new one with an upgrade. Personal data (parties,
// facts, 身份证号, phones) lives in each case's `private` payload and is never in an index.

import { Dexie, type EntityTable } from 'dexie';
import type { CaseRecord } from '../shared/case.ts';
import type { CaseEvent } from '../shared/events.ts';
import type { Mutation } from '../shared/mutations.ts';
import type { ReviewItem } from '../shared/protocol.ts';
import type { StoredBlob } from './blobs.ts';
import type { StoredArea } from './areas.ts';
import type { ScreeningRecord } from '../shared/screening.ts';
import type { AlertRecord } from '../shared/alerts.ts';
import type { ReferralRecord } from '../shared/referral.ts';
import { Keyring } from './crypto-keyring.ts';
import { sealingMiddleware } from './crypto-middleware.ts';
import { NameIndex } from './crypto-name-index.ts';

/** Which list tab a case sits in; stored so the list can page through an index. */
export type CaseTab = 'open' | 'visit' | 'closed';

export type StoredCase = CaseRecord & { tab: CaseTab };

export type OutboxEntry = Mutation;

/**
 * A mutation the server acknowledged, kept for SENT_RETENTION_DAYS: if the server is restored
 * from a backup older than the acknowledgement, it is sent again (sync/restore.ts).
 */
export type SentEntry = Mutation & { ackedAt: string };

export interface DeviceMeta {
  key: 'device';
  clientId: string;
  nextSeq: number;
  /** Running number for provisional case labels on this device. */
  nextProvisional: number;
}

export interface SyncState {
  scope: string;
  cursor: number;
  lastSyncedAt: string | null;
  lastError: string | null;
  /** The server timeline these cursors and acknowledgements belong to (protocol.ts PullResponse.epoch). */
  epoch?: string;
}

/** The PIN-wrapped data key (crypto-cipher.ts) and the unlock attempts counted against it. */
export interface KeyringRow {
  id: 'pin';
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  iv: Uint8Array<ArrayBuffer>;
  wrapped: Uint8Array<ArrayBuffer>;
  /** Wrong PINs in a row; the tenth wipes the device (state/lock.ts). */
  failures: number;
  /** Set once every record written before the PIN existed has been sealed (crypto-migrate.ts). */
  migrated: boolean;
  /** Which set of sealed fields `migrated` refers to (crypto-migrate.ts SEAL_VERSION); absent = 1. */
  sealVersion?: number;
}

export class ShuoheDb extends Dexie {
  cases!: EntityTable<StoredCase, 'id'>;
  events!: EntityTable<CaseEvent, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  meta!: EntityTable<DeviceMeta, 'key'>;
  review!: EntityTable<ReviewItem, 'id'>;
  syncState!: EntityTable<SyncState, 'scope'>;
  blobs!: EntityTable<StoredBlob, 'sha256'>;
  keyring!: EntityTable<KeyringRow, 'id'>;
  areas!: EntityTable<StoredArea, 'code'>;
  sent!: EntityTable<SentEntry, 'seq'>;
  /** 矛盾纠纷排查 rounds of the scope (shared/screening.ts); names and free text sealed. */
  screenings!: EntityTable<ScreeningRecord, 'id'>;
  /** 上报 of 重大/疑难 disputes in the scope (shared/alerts.ts); the summary and names sealed. */
  alerts!: EntityTable<AlertRecord, 'id'>;
  /** 移交 sent from or to this phone's committees (shared/referral.ts); reasons, names and the case summary sealed. */
  referrals!: EntityTable<ReferralRecord, 'id'>;
  /** The data key while unlocked; every instance seals through it (crypto-middleware.ts). */
  readonly vault = new Keyring();
  /** Party names for search, in memory only while unlocked. */
  readonly names = new NameIndex();

  constructor(name = 'shuohe') {
    super(name);
    this.version(1).stores({
      cases: 'id, updatedAt, [tab+updatedAt], [categoryCode+updatedAt], [tab+categoryCode+updatedAt], acceptedOn',
      events: 'id, caseId, [caseId+at]',
      outbox: 'seq, caseId',
      meta: 'key',
      review: 'id, caseId, status',
      syncState: 'scope',
    });
    // Photo bytes by SHA-256 (db/blobs.ts); nothing to upgrade, the table starts empty.
    this.version(2).stores({
      blobs: 'sha256, state, caseId',
    });
    // Nothing reads cases by acceptedOn; every index costs each write, and a town's first pull
    // writes ten thousand cases.
    this.version(3).stores({
      cases: 'id, updatedAt, [tab+updatedAt], [categoryCode+updatedAt], [tab+categoryCode+updatedAt]',
    });
    // The PIN-wrapped data key. Records are sealed by the app after unlock (crypto-migrate.ts),
    // not here: an upgrade transaction cannot await WebCrypto, and it has no PIN.
    this.version(4).stores({
      keyring: 'id',
    });
    // Place names of the signed-in scope's county, so they show offline. Public data, never sealed.
    // No longer written: names live in their own store since (db/areas.ts), which copied these
    // rows once (db/areas-legacy.ts); the table stays declared so that copy finds it.
    this.version(5).stores({
      areas: 'code, county',
    });
    // Acknowledged mutations kept to re-send after a server restore (sync/restore.ts); starts empty.
    this.version(40).stores({
      sent: 'seq, ackedAt',
    });
    // 排查 and 上报 (issue #14): new tables, filled by the phone's forms and the pull; nothing to upgrade.
    this.version(62).stores({
      screenings: 'id, heldOn',
      alerts: 'id, reportedAt',
    });
    // 移交 (issue #14): a new table, filled by the referral form and the pull; nothing to upgrade.
    this.version(70).stores({
      referrals: 'id, caseId, status, sentAt',
    });
    // A town's first pull writes ten thousand cases, and each index is one more LevelDB entry
    // (and key extraction) per row: 10,000 rows wrote in ~2.6 s with the four indexes against
    // ~1.9 s with one (test/bench/device-floor-probe.ts). Two are kept so that every view of the
    // list reads only the rows it shows (db/queries.ts listCases): [tab+updatedAt] for a tab,
    // [tab+categoryCode+updatedAt] for a category in a tab; 全部 merges the three tabs. (With
    // [tab+updatedAt] alone a category filter had to read the tab's rows until it found a page:
    // 1.2 s over 10,000 cases.) Dropping an index keeps every row.
    this.version(80).stores({
      cases: 'id, [tab+updatedAt], [tab+categoryCode+updatedAt]',
    });
    this.use(sealingMiddleware(this.vault, (table, keys) => {
      if (table === 'cases') this.names.touched(keys);
    }));
    this.vault.onLock(() => this.names.clear());
  }
}

export function tabOf(record: Pick<CaseRecord, 'status'>): CaseTab {
  switch (record.status) {
    case 'accepted':
    case 'mediating':
      return 'open';
    case 'agreed':
      return 'visit';
    default:
      return 'closed';
  }
}

export function toStored(record: CaseRecord): StoredCase {
  return { ...record, tab: tabOf(record) };
}

/** Strips the device-only fields, giving back the shared record. */
export function fromStored(stored: StoredCase): CaseRecord {
  const { tab: _tab, ...record } = stored;
  return record;
}
