// Search by party name once names are sealed (DESIGN.md §Data): an in-memory list of each case's
// label and party names, built after unlock and dropped on lock, never stored. A substring scan of
// 10,000 short entries takes about a millisecond and keeps the old "contains" behaviour for
// Chinese names (张三 finds 张三丰, 三丰 too), which a token index such as MiniSearch would need
// n-grams for. Writes in this tab mark their cases stale (the sealing middleware reports them), so
// the index is patched from those rows only. It is built in idle time right after unlock (warm,
// state/lock.ts), so the first search finds it ready; a search during that build waits for it
// rather than starting a second one.

import type { EntityTable } from 'dexie';
import type { CaseRecord } from '../shared/case.ts';
import type { StoredCase } from './schema.ts';
import type { Keyring } from './crypto-keyring.ts';
import { openRowsNow } from './crypto-middleware.ts';

const INDEX_PAGE = 1000;

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
  /** The full build under way, shared by whoever asks meanwhile. */
  private building: Promise<Map<string, Entry>> | undefined;
  /** Bumped on lock: a build that was under way then is thrown away. */
  private generation = 0;
  /** Full builds made (for tests: a search during a warm-up must not make a second one). */
  builds = 0;

  /** A write to the cases table (keys) or a range delete ('all'). */
  touched(keys: readonly unknown[] | 'all'): void {
    // While a build reads (a warm-up racing the first pull's writes), its pages may predate a write.
    if (!this.entries && !this.building) return;
    if (keys === 'all') this.rebuild = true;
    else for (const k of keys) this.stale.add(String(k));
  }

  /** Forgets every name (on lock). */
  clear(): void {
    this.entries = undefined;
    this.stale.clear();
    this.rebuild = false;
    this.building = undefined;
    this.generation++;
  }

  /** Builds the index ahead of the first search (after unlock); a failure (locked meanwhile) is left to the search. */
  async warm(cases: CaseTable, keyring: Keyring): Promise<void> {
    await this.fresh(cases, keyring).catch(() => undefined);
  }

  private async build(cases: CaseTable, keyring: Keyring): Promise<Map<string, Entry>> {
    const generation = this.generation;
    this.builds++;
    this.stale.clear();
    this.rebuild = false;
    const entries = new Map<string, Entry>();
    // Read sealed, then opened in one WebCrypto batch after the read (several times faster than
    // opening each case in JavaScript inside it); a page at a time bounds the memory.
    let after: string | undefined;
    for (;;) {
      const page = await (after === undefined ? cases.orderBy('id') : cases.where('id').above(after)).limit(INDEX_PAGE).toArray();
      await openRowsNow(keyring, page);
      for (const c of page) entries.set(c.id, { id: c.id, updatedAt: c.updatedAt, text: textOf(c) });
      if (page.length < INDEX_PAGE) break;
      after = page[page.length - 1]?.id;
    }
    // Locked while building: the names must not outlive the key.
    if (generation === this.generation) this.entries = entries;
    return entries;
  }

  private async fresh(cases: CaseTable, keyring: Keyring): Promise<Map<string, Entry>> {
    if (!this.entries || this.rebuild) {
      // Writes made while the build reads are marked stale (touched), and patched just below.
      const pending = (this.building ??= this.build(cases, keyring).finally(() => {
        this.building = undefined;
      }));
      await pending;
      if (!this.entries) return pending;
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
  async search(cases: CaseTable, keyring: Keyring, needle: string, limit: number): Promise<string[]> {
    const hits: Entry[] = [];
    for (const entry of (await this.fresh(cases, keyring)).values()) if (entry.text.includes(needle)) hits.push(entry);
    hits.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    return hits.slice(0, limit).map((e) => e.id);
  }
}
