// The page's side of the OCR worker (./worker.ts): one worker per page, started on the first
// scan and kept, so a mediator who closes the panel to type by hand lets the download finish in
// the background and the next scan starts at once.
import type { CardSide, OcrProgress } from './engine.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/** What the models and runtime need on disk (~16 MB models, ~12 MB runtime) with some headroom. */
export const OCR_STORAGE_BYTES = 40 * 1024 * 1024;

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { onProgress: (p: OcrProgress) => void; resolve: (m: FromWorker) => void; reject: (e: Error) => void }>();

function started(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'ocr' });
  w.onmessage = (event: MessageEvent<FromWorker>) => {
    const m = event.data;
    const job = pending.get(m.id);
    if (!job) return;
    if (m.kind === 'progress') return job.onProgress(m.progress);
    pending.delete(m.id);
    if (m.kind === 'error') {
      const e = new Error(m.message);
      e.name = m.name;
      job.reject(e);
    } else job.resolve(m);
  };
  w.onerror = (event) => {
    // A worker that failed to start (its script missing offline, say): every waiting scan fails
    // and the next one starts a fresh worker.
    for (const job of pending.values()) job.reject(new TypeError(event.message || 'Failed to load the OCR worker'));
    pending.clear();
    worker = undefined;
    w.terminate();
  };
  worker = w;
  return w;
}

function ask(image: ImageBitmap, side: CardSide, onProgress: (p: OcrProgress) => void): Promise<FromWorker> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { onProgress, resolve, reject });
    const m: ToWorker = { id, kind: 'read', image, side };
    started().postMessage(m, [image]);
  });
}

/** True when the models are already in the runtime cache (then no room is needed). */
async function modelsCached(): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  const hit = await caches.match('/ocr/rec.onnx').catch(() => undefined);
  return hit !== undefined;
}

/**
 * Refuses before a 30 MB download that cannot be kept: a phone short of storage would otherwise
 * fetch it all and fail at the end, or fetch it again on every scan.
 */
export async function checkRoom(): Promise<void> {
  if (await modelsCached()) return;
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  if (!estimate || estimate.quota === undefined || estimate.usage === undefined) return;
  if (estimate.quota - estimate.usage < OCR_STORAGE_BYTES) {
    const e = new Error('not enough storage for the OCR models');
    e.name = 'QuotaExceededError';
    throw e;
  }
}

/** The text lines of a photo, read in the worker; the bitmap is moved there and closed. */
export async function readLinesInWorker(image: ImageBitmap, side: CardSide, onProgress: (p: OcrProgress) => void): Promise<string[]> {
  const answer = await ask(image, side, onProgress);
  return answer.kind === 'lines' ? answer.lines : [];
}
