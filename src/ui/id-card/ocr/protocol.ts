// Messages between the page (./client.ts) and the OCR worker (./worker.ts). The photo crosses as
// a transferred ImageBitmap: it is moved, never copied, and closed by the worker once read.
import type { CardSide, OcrProgress, OcrTimings } from './engine.ts';

export interface ToWorker {
  id: number;
  kind: 'read';
  image: ImageBitmap;
  /** The side the mediator is scanning; a front's label column is then not read. */
  side?: CardSide;
}

export type FromWorker =
  | { id: number; kind: 'progress'; progress: OcrProgress }
  | { id: number; kind: 'lines'; lines: string[]; timings: OcrTimings }
  | { id: number; kind: 'error'; name: string; message: string };
