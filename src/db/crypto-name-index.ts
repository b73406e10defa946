// Search by party name once names are sealed (DESIGN.md §Data): an in-memory list of each case's
// label and party names, built after unlock and dropped on lock, never stored. A substring scan of
// 10,000 short entries takes about a millisecond and keeps the old "contains" behaviour for
// Chinese names (张三 finds 张三丰, 三丰 too), which a token index such as MiniSearch would need
// n-grams for. Writes in this tab mark their cases stale (the sealing middleware reports them), so
// the index is patched from those rows only.

import type { EntityTable } from 'dexie';
import type { CaseRecord } from '../shared/case.ts';
import type { StoredCase } from './schema.ts';

interface Entry {
  id: string;
  updatedAt: string;
  /** Case number, provisional label and party names, joined by a separator no name contains. */
  text: string;
}

type CaseTable = EntityTable<StoredCase, 'id'>;

const textOf = (c: CaseRecord) => [c.caseNo ?? '', c.provisionalNo, ...c.private.parties.map((p) => p.name)].join('\u0001');

export class NameIndex {
  private entries: Map<string, Entry> | undefined;
  private readonly stale = new Set<string>();
  private rebuild = false;

  /** A write to the cases table (keys) or a range delete ('all'). */
  touched(keys: readonly unknown[] | 'all'): void {
    if (!this.entries) return;
    if (keys === 'all') this.rebuild = true;
    else for (const k of keys) this.stale.add(String(k));
  }

  /** Forgets every name (on lock). */
  clear(): void {
    this.entries = undefined;
    this.stale.clear();
    this.rebuild = false;
  }

  private async fresh(cases: CaseTable): Promise<Map<string, Entry>> {
    if (!this.entries || this.rebuild) {
      this.stale.clear();
      this.rebuild = false;
      const entries = new Map<string, Entry>();
      let failure: unknown;
      await cases.each((c) => {
        // Dexie does not stop `each` on a throw from the callback: keep the first (LockedError).
        try {
          entries.set(c.id, { id: c.id, updatedAt: c.updatedAt, text: textOf(c) });
        } catch (error) {
          failure ??= error;
        }
      });
      if (failure !== undefined) throw failure;
      this.entries = entries;
      return entries;
    }
    if (this.stale.size > 0) {
      const ids = [...this.stale];
      this.stale.clear();
      const rows = await cases.bulkGet(ids);
      rows.forEach((c, i) => {
        const id = ids[i] as string;
        if (c) this.entries?.set(id, { id, updatedAt: c.updatedAt, text: textOf(c) });
        else this.entries?.delete(id);
      });
    }
    return this.entries;
  }

  /** Ids of the cases whose label or a party name contains `needle`, newest change first. */
  async search(cases: CaseTable, needle: string, limit: number): Promise<string[]> {
    const hits: Entry[] = [];
    for (const entry of (await this.fresh(cases)).values()) if (entry.text.includes(needle)) hits.push(entry);
    hits.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    return hits.slice(0, limit).map((e) => e.id);
  }
}
