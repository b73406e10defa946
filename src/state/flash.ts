// A one-line confirmation that survives a route change ("已保存" after a form navigates back to
// its case). The shell shows it in an aria-live region; it clears itself after a few seconds.

import { signal } from '@preact/signals';

export const flash = signal<{ text: string; id: number } | null>(null);

let timer: ReturnType<typeof setTimeout> | undefined;
let nextId = 1;

export function showFlash(text: string, ms = 4000): void {
  flash.value = { text, id: nextId++ };
  clearTimeout(timer);
  timer = setTimeout(() => (flash.value = null), ms);
}
