// Whether the desk layout is on: a staff account (司法所, 司法局, admin) on a screen at least
// DESK_MIN_WIDTH wide. Below that, and for mediators at any width, the phone layout stays. Kept
// tiny because the shell (first paint) reads it; the desk itself is a lazy chunk.

import { signal } from '@preact/signals';
import { signedInRole } from '../../state/session.ts';

export const DESK_MIN_WIDTH = 1024;
const query = typeof matchMedia === 'function' ? matchMedia(`(min-width: ${DESK_MIN_WIDTH}px)`) : undefined;

/** The window is laptop-wide; follows resizing. */
export const wideWindow = signal(query?.matches ?? false);
query?.addEventListener('change', (e) => {
  wideWindow.value = e.matches;
});

export function isDesk(): boolean {
  // The role is known while locked too: a staff laptop keeps its frame behind the PIN pad.
  const role = signedInRole.value;
  return wideWindow.value && role !== undefined && role !== 'mediator';
}
