// The device database: one Dexie class with numbered versions (STYLE.md habit 6). A shipped
// version is never edited, only followed by a new one with an upgrade. Personal data (parties,
// facts, 身份证号, phones) lives in each case's `private` payload and is never in an index.

import { Dexie, type EntityTable } from 'dexie';
import type { CaseRecord } from '../shared/case.ts';
import type { CaseEvent } from '../shared/events.ts';
import type { Mutation } from '../shared/mutations.ts';
import type { ReviewItem } from '../shared/protocol.ts';
import type { StoredBlob } from './blobs.ts';

/** Which list tab a case sits in; stored so the list can page through an index. */
export type CaseTab = 'open' | 'visit' | 'closed';

export type StoredCase = CaseRecord & { tab: CaseTab };

export type OutboxEntry = Mutation;

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
}

export class ShuoheDb extends Dexie {
  cases!: EntityTable<StoredCase, 'id'>;
  events!: EntityTable<CaseEvent, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  meta!: EntityTable<DeviceMeta, 'key'>;
  review!: EntityTable<ReviewItem, 'id'>;
  syncState!: EntityTable<SyncState, 'scope'>;
  blobs!: EntityTable<StoredBlob, 'sha256'>;

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
