// Redirects that wait for an answer (the latest year with cases, the staff's landing page) must
// not pull the user away from where they have gone meanwhile. An unmount flag is not enough:
// while the next lazy screen loads, preact-iso keeps rendering the previous screen with the *new*
// address, so `/dashboard` saw `/network`'s empty query, asked for the latest year again and took
// the user back (the desk and accounts browser tests caught it under load).

/** Runs `go` only while the browser is on `path` — the screen's own route — now; says if it ran. */
export function ifStillOn(path: string, go: () => void): boolean {
  if (location.pathname !== path) return false;
  go();
  return true;
}
