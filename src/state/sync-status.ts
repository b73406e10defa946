// What the sync engine last reported, for the status line every screen shows (DESIGN.md: "show the
// user what is not yet on the server"). The sync engine writes it; the UI only reads it.

import { signal } from '@preact/signals';

export interface SyncStatus {
  phase: 'offline' | 'syncing' | 'synced' | 'idle' | 'error';
  /** The server refuses this app version: sync has stopped, the outbox is kept. */
  needsUpdate?: boolean;
  needsLogin?: boolean;
  /** ISO timestamp of the last sync that completed. */
  lastSyncedAt?: string;
  /** The last error, already in plain Chinese. */
  lastError?: string;
}

export const syncStatus = signal<SyncStatus>({ phase: 'idle' });
