// After an in-app navigation the keyboard starts from the new screen, not from the link that was
// pressed or the top of the page: <main> takes focus (it persists while a lazy screen loads, so
// focus is never dropped to the body), and the next Tab lands on the screen's first control.

import { useEffect, useRef } from 'preact/hooks';

/** Moves focus to <main> whenever the path changes (not on first render). */
export function useFocusOnRoute(path: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    focusResult(document.getElementById('main'));
  }, [path]);
}

/** Focuses an element that shows the result of an action (a heading, a message), reachable or not. */
export function focusResult(el: HTMLElement | null): void {
  if (!el) return;
  if (!el.hasAttribute('tabindex') && !el.matches('a, button, input, select, textarea')) el.setAttribute('tabindex', '-1');
  el.focus();
}
