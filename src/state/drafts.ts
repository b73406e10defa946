// Form drafts that survive a reload, a crash and an app update: every change is written to
// idb-keyval ~300 ms after the last keystroke, flushed at once when the page is hidden, the form
// unmounts or an update is about to reload. A draft is cleared only after its save resolved.

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { loadDraft, saveDraft, clearDraft } from '../db/settings.ts';
import { onBeforeUpdate } from './updates.ts';
import { db } from './app-state.ts';

const DEBOUNCE_MS = 300;

export interface Draft<T> {
  value: T;
  /** False until the stored draft (if any) has been read; render the form only after. */
  loaded: boolean;
  /** True when the form was filled from a stored draft. */
  restored: boolean;
  /** ISO time of the last draft write that completed. */
  savedAt: string | null;
  set: (next: T | ((prev: T) => T)) => void;
  /** Drops the draft (after the real save resolved, or when the user starts over). */
  clear: () => Promise<void>;
  /** Replaces the form with `initial` and forgets the stored draft. */
  reset: () => Promise<void>;
}

/**
 * `upgrade` brings a draft stored by an older version of the form up to date (its fresh form is
 * given); without it, the stored draft is laid over a fresh form, which fills new top-level fields.
 */
export function useDraft<T extends object>(key: string, initial: () => T, upgrade?: (stored: Partial<T>, fresh: T) => T): Draft<T> {
  const [value, setValue] = useState<T>(initial);
  const [loaded, setLoaded] = useState(false);
  const [restored, setRestored] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const latest = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = useRef(false);
  // After clear() (the real save resolved) or unmount, late callbacks must not write the draft back.
  const closed = useRef(false);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    if (!dirty.current) return;
    dirty.current = false;
    await saveDraft(key, latest.current);
    setSavedAt(new Date().toISOString());
  }, [key]);

  useEffect(() => {
    let live = true;
    closed.current = false;
    setLoaded(false);
    void loadDraft<Partial<T>>(key).then((stored) => {
      if (!live) return;
      // Older drafts may miss fields added since: start from a fresh form and lay the draft over it.
      const next = !stored ? initial() : upgrade ? upgrade(stored, initial()) : { ...initial(), ...stored };
      latest.current = next;
      setValue(next);
      setRestored(stored !== undefined);
      setLoaded(true);
    });
    const unregister = onBeforeUpdate(flush);
    // Locking drops the key: the pending keystrokes are sealed and written just before
    // (saveDraft seals synchronously, before its first await).
    const offLock = db.vault.onLock(() => void flush());
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    document.addEventListener('visibilitychange', onHide);
    addEventListener('pagehide', onHide);
    return () => {
      live = false;
      unregister();
      offLock();
      document.removeEventListener('visibilitychange', onHide);
      removeEventListener('pagehide', onHide);
      void flush();
      closed.current = true;
    };
    // `initial` is a factory read once per key; re-running on its identity would reload the draft.
  }, [key, flush]);

  const set = useCallback((next: T | ((prev: T) => T)) => {
    const value = typeof next === 'function' ? (next as (prev: T) => T)(latest.current) : next;
    latest.current = value;
    setValue(value);
    if (closed.current) return;
    dirty.current = true;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [flush]);

  const clear = useCallback(async () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    dirty.current = false;
    closed.current = true;
    await clearDraft(key);
  }, [key]);

  const reset = useCallback(async () => {
    await clear();
    closed.current = false;
    const fresh = initial();
    latest.current = fresh;
    setValue(fresh);
    setRestored(false);
    setSavedAt(null);
  }, [clear]);

  return { value, loaded, restored, savedAt, set, clear, reset };
}
