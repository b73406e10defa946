// On-device OCR of one photo: PaddleOCR PP-OCRv4 (Chinese) detection and recognition run by
// onnxruntime-web's single-threaded WebAssembly backend. Everything is fetched from this app's own
// origin under /ocr/ (copied there at build time, vite.config.ts) and kept by the service worker's
// runtime cache after the first use, so a second scan works offline. It runs in the OCR worker
// (./worker.ts); the photo never leaves the phone: it is drawn into a canvas, read, and dropped.

import type * as Ort from 'onnxruntime-web/wasm';
// The runtime's WebAssembly, emitted by Vite as a hashed asset of this origin.
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { boxesFromProbMap, ctcGreedy, joinRows, type Box } from './boxes.ts';

export const OCR_BASE = '/ocr/';
const DET_MODEL = `${OCR_BASE}det.onnx`;
const REC_MODEL = `${OCR_BASE}rec.onnx`;
const DICTIONARY = `${OCR_BASE}keys.txt`;
/** PaddleOCR's detection limit: the longer side is scaled to at most this many pixels. */
const DET_MAX_SIDE = 960;
const REC_HEIGHT = 48;

export type OcrProgress =
  | { phase: 'download'; loaded: number; total: number }
  | { phase: 'prepare' }
  | { phase: 'detect' }
  | { phase: 'recognise'; done: number; total: number };

interface Engine {
  ort: typeof Ort;
  det: Ort.InferenceSession;
  rec: Ort.InferenceSession;
  dictionary: string[];
}

let loading: Promise<Engine> | undefined;
/** Who hears the download's progress: the latest scan, even if an earlier one started it. */
let listener: (p: OcrProgress) => void = () => undefined;

/** Bytes of a file, reporting progress as they arrive (the models are ~16 MB on a village link). */
async function fetchBytes(url: string, onBytes: (n: number) => void): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: ${response.status}`);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

// The sizes of the files, for a progress bar before their headers arrive (checked by the build).
const EXPECTED_BYTES = 4_745_517 + 10_822_323;

async function load(onProgress: (p: OcrProgress) => void): Promise<Engine> {
  const ort = await import('onnxruntime-web/wasm');
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = { wasm: wasmUrl };
  let loaded = 0;
  const tick = (n: number) => {
    loaded += n;
    onProgress({ phase: 'download', loaded, total: Math.max(EXPECTED_BYTES, loaded) });
  };
  const [det, rec, keys] = await Promise.all([fetchBytes(DET_MODEL, tick), fetchBytes(REC_MODEL, tick), fetch(DICTIONARY).then((r) => r.text())]);
  onProgress({ phase: 'prepare' });
  const options: Ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const detSession = await ort.InferenceSession.create(det, options);
  const recSession = await ort.InferenceSession.create(rec, options);
  // PaddleOCR's dictionary, one character a line, and a space as the last class.
  const dictionary = [...keys.split(/\r?\n/).filter((l) => l !== ''), ' '];
  return { ort, det: detSession, rec: recSession, dictionary };
}

/** Loads the models once per page; a failed load may be tried again. */
export function loadEngine(onProgress: (p: OcrProgress) => void): Promise<Engine> {
  listener = onProgress;
  loading ??= load((p) => listener(p)).catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

function canvasOf(width: number, height: number): [OffscreenCanvas, OffscreenCanvasRenderingContext2D] {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  return [canvas, ctx];
}

/** RGBA pixels as a 1×3×H×W BGR tensor (PaddleOCR reads images as OpenCV does), normalised. */
function toTensor(ort: typeof Ort, data: Uint8ClampedArray, width: number, height: number, mean: readonly number[], std: readonly number[]): Ort.Tensor {
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) {
      const v = (data[i * 4 + (2 - c)] ?? 0) / 255;
      out[c * plane + i] = (v - (mean[c] ?? 0)) / (std[c] ?? 1);
    }
  }
  return new ort.Tensor('float32', out, [1, 3, height, width]);
}

/** Lets the page draw the progress text between the long synchronous inference steps. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The text lines of an image, top to bottom. */
export async function readLines(image: ImageBitmap, onProgress: (p: OcrProgress) => void): Promise<string[]> {
  const engine = await loadEngine(onProgress);
  const { ort } = engine;
  onProgress({ phase: 'detect' });
  await breathe();

  const [source, sourceCtx] = canvasOf(image.width, image.height);
  sourceCtx.drawImage(image, 0, 0);

  const scale = Math.min(1, DET_MAX_SIDE / Math.max(image.width, image.height));
  const detW = Math.max(32, Math.round((image.width * scale) / 32) * 32);
  const detH = Math.max(32, Math.round((image.height * scale) / 32) * 32);
  const [, detCtx] = canvasOf(detW, detH);
  detCtx.drawImage(image, 0, 0, detW, detH);
  const detInput = toTensor(ort, detCtx.getImageData(0, 0, detW, detH).data, detW, detH, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
  const detOut = await engine.det.run({ [engine.det.inputNames[0] ?? 'x']: detInput });
  const prob = detOut[engine.det.outputNames[0] ?? ''];
  if (!prob) throw new Error('detection gave no output');
  const boxes = boxesFromProbMap(prob.data as Float32Array, detW, detH);

  const sx = image.width / detW;
  const sy = image.height / detH;
  const pieces: { box: Box; text: string }[] = [];
  for (const [n, b] of boxes.entries()) {
    onProgress({ phase: 'recognise', done: n, total: boxes.length });
    await breathe();
    const box: Box = { x: b.x * sx, y: b.y * sy, w: b.w * sx, h: b.h * sy, score: b.score };
    const recW = Math.max(REC_HEIGHT, Math.min(1600, Math.ceil((box.w / box.h) * REC_HEIGHT)));
    const [, recCtx] = canvasOf(recW, REC_HEIGHT);
    recCtx.drawImage(source, box.x, box.y, box.w, box.h, 0, 0, recW, REC_HEIGHT);
    const recInput = toTensor(ort, recCtx.getImageData(0, 0, recW, REC_HEIGHT).data, recW, REC_HEIGHT, [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]);
    const recOut = await engine.rec.run({ [engine.rec.inputNames[0] ?? 'x']: recInput });
    const logits = recOut[engine.rec.outputNames[0] ?? ''];
    if (!logits) continue;
    const [, steps = 0, classes = 0] = logits.dims;
    pieces.push({ box, text: ctcGreedy(logits.data as Float32Array, steps, classes, engine.dictionary) });
  }
  return joinRows(pieces);
}
