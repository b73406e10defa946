// A Dexie live query as a Preact hook: a screen re-renders when a local write or a sync pull
// changes what it reads. Alone in its file so the first screens use it without the case queries.

import { useEffect, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';

export interface Live<T> {
  /** The last value read; kept while a new query (changed arguments) is loading. */
  value: T | undefined;
  loaded: boolean;
  error?: unknown;
}

/** Subscribes to a Dexie live query for as long as the component is mounted. */
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): Live<T> {
  const [state, setState] = useState<Live<T>>({ value: undefined, loaded: false });
  useEffect(() => {
    setState((s) => ({ value: s.value, loaded: false }));
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ value, loaded: true }),
      error: (error: unknown) => setState((s) => ({ value: s.value, loaded: true, error })),
    });
    return () => subscription.unsubscribe();
    // The caller lists what `query` depends on, as with useEffect.
  }, deps);
  return state;
}
