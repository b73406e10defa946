// Whether the desk layout is on: a staff account (司法所, 司法局, admin) on a screen at least
// DESK_MIN_WIDTH wide. Below that, and for mediators at any width, the phone layout stays. Kept
// tiny because the shell (first paint) reads it; the desk itself is a lazy chunk.

import { signal } from '@preact/signals';
import { session } from '../../state/session.ts';

export const DESK_MIN_WIDTH = 1024;
const query = typeof matchMedia === 'function' ? matchMedia(`(min-width: ${DESK_MIN_WIDTH}px)`) : undefined;

/** The window is laptop-wide; follows resizing. */
export const wideWindow = signal(query?.matches ?? false);
query?.addEventListener('change', (e) => {
  wideWindow.value = e.matches;
});

export function isDesk(): boolean {
  const role = session.value?.me.role;
  return wideWindow.value && role !== undefined && role !== 'mediator';
}
