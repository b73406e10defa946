/// <reference lib="WebWorker" />
// The OCR worker: detection and recognition take seconds of pure computation, which on the page
// froze every tap and the progress text. Here they run beside it; the page only sends the photo
// and draws what comes back.
import { readLines } from './engine.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: FromWorker) => self.postMessage(m);

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  const progress = (p: Parameters<Parameters<typeof readLines>[1]>[0]) => post({ id: m.id, kind: 'progress', progress: p });
  try {
    try {
      post({ id: m.id, kind: 'lines', ...(await readLines(m.image, progress, m.side)) });
    } finally {
      m.image.close();
    }
  } catch (e) {
    post({ id: m.id, kind: 'error', name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) });
  }
};
