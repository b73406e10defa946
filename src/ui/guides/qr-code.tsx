// Draws a QR matrix as one SVG path (crisp at any size, nothing to download), with the four-module
// quiet zone scanners need. The label is the image's accessible name and its visible caption.

import { useMemo } from 'preact/hooks';
import { encodeQr } from './qr.ts';

const QUIET = 4;

export function QrCode(p: { text: string; label: string }) {
  const drawing = useMemo(() => {
    try {
      const m = encodeQr(p.text);
      const d = m.flatMap((row, y) => row.map((dark, x) => (dark ? `M${x + QUIET} ${y + QUIET}h1v1h-1z` : ''))).join('');
      return { d, size: m.length + QUIET * 2 };
    } catch {
      return undefined; // a link too long for the code: the copyable link above still works
    }
  }, [p.text]);
  if (!drawing) return null;
  return (
    <figure class="qr">
      <svg viewBox={`0 0 ${drawing.size} ${drawing.size}`} role="img" aria-label={p.label} shape-rendering="crispEdges" data-testid="share-qr">
        <rect width={drawing.size} height={drawing.size} fill="#fff" />
        <path d={drawing.d} fill="#000" />
      </svg>
      <figcaption aria-hidden="true">{p.label}</figcaption>
    </figure>
  );
}
