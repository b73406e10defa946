// The cursors devices show they have applied — a pull's or a push's `cursor` — noted in memory on
// every request and written to sync_clients.pull_cursor before each compaction (compact.ts). A
// note lost to a restart only leaves a stored cursor lower than the truth, so compaction keeps
// more than it needs, never less: a pull must not cost a write transaction for this.
import type { Store } from '../store/open.ts';

export class CursorBook {
  private readonly seen = new Map<string, { cursor: number; at: string }>();

  note(clientId: string, cursor: number, at: string): void {
    const known = this.seen.get(clientId);
    if (!known || cursor >= known.cursor) this.seen.set(clientId, { cursor, at });
  }

  /** Writes the notes taken so far; a stored cursor only ever moves forward. */
  async flush(store: Store): Promise<void> {
    const notes = [...this.seen];
    this.seen.clear();
    if (notes.length === 0) return;
    await store.write(async (tx) => {
      for (const [clientId, { cursor, at }] of notes) {
        await tx.updateTable('sync_clients').set({ pull_cursor: cursor, last_seen_at: at })
          .where('client_id', '=', clientId).where('pull_cursor', '<=', cursor).execute();
      }
    });
  }
}
