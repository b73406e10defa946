// On-device OCR of one photo: PaddleOCR PP-OCRv4 (Chinese) detection and recognition run by
// onnxruntime-web's single-threaded WebAssembly backend. Everything is fetched from this app's own
// origin under /ocr/ (copied there at build time, vite.config.ts) and kept by the service worker's
// runtime cache after the first use, so a second scan works offline. It runs in the OCR worker
// (./worker.ts); the photo never leaves the phone: it is drawn into a canvas, read, and dropped.

import type * as Ort from 'onnxruntime-web/wasm';
// The runtime's WebAssembly, emitted by Vite as a hashed asset of this origin.
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { boxesFromProbMap, ctcGreedy, joinRows, kernelBoxes, kernelsOf, layoutOfKernels, type Box, type Kernel } from './boxes.ts';
import { frontLabelBoxes } from './front-labels.ts';
import { fitToInk, joinOverlapping, withoutInner } from './ink.ts';

export const OCR_BASE = '/ocr/';
const DET_MODEL = `${OCR_BASE}det.onnx`;
const REC_MODEL = `${OCR_BASE}rec.onnx`;
const DICTIONARY = `${OCR_BASE}keys.txt`;
/**
 * Detection runs once, small: on the whole photo scaled down to this. Its map gives where the
 * card's text lies and how it is tilted, and its text kernels, carried onto the levelled card and
 * fitted to the ink there (./ink.ts), are the line boxes. (It used to run a second time on the
 * levelled card at 640 px for the boxes: a third of a front's time at 4× CPU throttle.)
 */
const LAYOUT_MAX_SIDE = 384;
/**
 * Only when the card is too small in the photo for the coarse map to part its lines: the levelled
 * card is detected again at this size. The lines of a 居民身份证 are ~1/18 of its width tall, so
 * at 640 px they are ~30 px in the map. (At 512 a label's box grew over the value's first stroke
 * on one bench card — 引 read from the 弓 of 张 — so 640.)
 */
const CARD_MAX_SIDE = 640;
/**
 * A phone photo (12 MP) is first scaled to this long side: the card's characters stay ≥ 40 px tall
 * for recognition, and every later canvas step works on ~3 MP instead of 12.
 */
const SOURCE_MAX_SIDE = 1800;
/**
 * Recognition's input height (fixed by the model). Lines keep their aspect: squeezed to 3/4 width
 * (a quarter less work) the recogniser lost the 仫 of 仫佬 on a test card.
 */
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
  // Threads need SharedArrayBuffer, which only a cross-origin-isolated page has (COOP + COEP);
  // without it onnxruntime would try and fall back with a warning. SIMD is always on (the
  // simd-threaded build). Most of a mid-range phone's cores are slow ones: 4 at most.
  const isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;
  ort.env.wasm.numThreads = isolated ? Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)) : 1;
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

/**
 * RGBA pixels into plane `n` of an N×3×H×W BGR tensor (PaddleOCR reads images as OpenCV does),
 * normalised: (v/255 − mean)/std folded into one multiply-add per value, in typed loops (at 4×
 * throttle a generic loop over a 640 px map cost tens of milliseconds).
 */
function fillPlanes(out: Float32Array, n: number, data: Uint8ClampedArray, width: number, height: number, stride: number, mean: readonly [number, number, number], std: readonly [number, number, number]): void {
  const plane = height * stride;
  const base = n * 3 * plane;
  for (let c = 0; c < 3; c++) {
    const scale = 1 / (255 * (std[c] ?? 1));
    const shift = -(mean[c] ?? 0) / (std[c] ?? 1);
    const channel = 2 - c;
    for (let y = 0; y < height; y++) {
      const row = base + c * plane + y * stride;
      let at = y * width * 4 + channel;
      for (let x = 0; x < width; x++, at += 4) out[row + x] = data[at]! * scale + shift;
    }
  }
}

function toTensor(ort: typeof Ort, data: Uint8ClampedArray, width: number, height: number, mean: readonly [number, number, number], std: readonly [number, number, number]): Ort.Tensor {
  const out = new Float32Array(3 * width * height);
  fillPlanes(out, 0, data, width, height, width, mean, std);
  return new ort.Tensor('float32', out, [1, 3, height, width]);
}

/** Lets the page draw the progress text between the long synchronous inference steps. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The text probability map of a canvas at PaddleOCR's detection size. */
async function detect(engine: Engine, source: OffscreenCanvas, maxSide: number): Promise<{ prob: Float32Array; detW: number; detH: number }> {
  const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
  const detW = Math.max(32, Math.round((source.width * scale) / 32) * 32);
  const detH = Math.max(32, Math.round((source.height * scale) / 32) * 32);
  const [, detCtx] = canvasOf(detW, detH);
  detCtx.drawImage(source, 0, 0, detW, detH);
  const detInput = toTensor(engine.ort, detCtx.getImageData(0, 0, detW, detH).data, detW, detH, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
  const detOut = await engine.det.run({ [engine.det.inputNames[0] ?? 'x']: detInput });
  const prob = detOut[engine.det.outputNames[0] ?? ''];
  if (!prob) throw new Error('detection gave no output');
  return { prob: prob.data as Float32Array, detW, detH };
}

/**
 * The median height (map pixels) of the coarse map's text kernels below which its boxes are too
 * rough to read from, and the levelled card is detected again at CARD_MAX_SIDE.
 */
const MIN_KERNEL_HEIGHT = 4;

function lineHeight(kernels: readonly Kernel[]): number {
  const heights = kernels.filter((k) => k.xs.length >= 12).map((k) => k.maxY - k.minY + 1).sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)] ?? 0;
}

/** Below this tilt (degrees) the axis-aligned boxes read the lines well enough as they are. */
const STRAIGHT_ENOUGH = 1.5;

/**
 * The part of the photo the text is in, turned level: a card on a table, at an angle, a step
 * away. Cropped first (the text's axis-aligned region and a margin), then rotated about its
 * centre onto a grey ground big enough to hold all of it.
 */
function straighten(source: OffscreenCanvas, region: { x: number; y: number; w: number; h: number }, degrees: number): { canvas: OffscreenCanvas; toFrame: (x: number, y: number) => [number, number] } {
  const margin = 0.06 * Math.max(region.w, region.h) + 16;
  const x0 = Math.max(0, region.x - margin);
  const y0 = Math.max(0, region.y - margin);
  const w = Math.min(source.width, region.x + region.w + margin) - x0;
  const h = Math.min(source.height, region.y + region.h + margin) - y0;
  const a = (Math.abs(degrees) * Math.PI) / 180;
  const outW = Math.ceil(w * Math.cos(a) + h * Math.sin(a));
  const outH = Math.ceil(w * Math.sin(a) + h * Math.cos(a));
  const [out, ctx] = canvasOf(outW, outH);
  ctx.fillStyle = '#808080';
  ctx.fillRect(0, 0, outW, outH);
  const turn = (-degrees * Math.PI) / 180;
  ctx.translate(outW / 2, outH / 2);
  ctx.rotate(turn);
  ctx.drawImage(source, x0, y0, w, h, -w / 2, -h / 2, w, h);
  // Where a point of the photo lands on the levelled canvas (the same turn about the crop's centre).
  const cos = Math.cos(turn), sin = Math.sin(turn);
  const cx = x0 + w / 2, cy = y0 + h / 2;
  const toFrame = (x: number, y: number): [number, number] => [outW / 2 + (x - cx) * cos - (y - cy) * sin, outH / 2 + (x - cx) * sin + (y - cy) * cos];
  return { canvas: out, toFrame };
}

/** Milliseconds each stage of one read took, and what was recognised (for the bench). */
export type OcrTimings = Record<'layout' | 'detect' | 'recognise' | 'boxes' | 'runs' | 'width', number>;

/** Which side of the card the photo shows, when the mediator said so (the panel's two buttons). */
export type CardSide = 'front' | 'back';

/**
 * Text boxes of similar width are recognised together, padded to the widest of the group: one
 * session.run per group instead of per box (each run has a fixed cost of graph dispatch, canvas
 * and tensor set-up), with at most this much of each tensor being padding.
 */
const BATCH_WIDTH_RATIO = 1.3;

interface Line {
  box: Box;
  recW: number;
  text?: string;
}

/** Groups of lines (sorted by width) whose widths are within BATCH_WIDTH_RATIO of each other. */
function batches(lines: Line[]): Line[][] {
  const sorted = [...lines].sort((a, b) => a.recW - b.recW);
  const groups: Line[][] = [];
  for (const line of sorted) {
    const last = groups[groups.length - 1];
    if (last && line.recW <= (last[0]?.recW ?? 0) * BATCH_WIDTH_RATIO) last.push(line);
    else groups.push([line]);
  }
  return groups;
}

/** The text lines of an image, top to bottom. */
export async function readLines(image: ImageBitmap, onProgress: (p: OcrProgress) => void, side?: CardSide): Promise<{ lines: string[]; timings: OcrTimings }> {
  const engine = await loadEngine(onProgress);
  const { ort } = engine;
  onProgress({ phase: 'detect' });
  await breathe();
  const t0 = performance.now();

  const fit = Math.min(1, SOURCE_MAX_SIDE / Math.max(image.width, image.height));
  const [photo, photoCtx] = canvasOf(Math.round(image.width * fit), Math.round(image.height * fit));
  photoCtx.drawImage(image, 0, 0, photo.width, photo.height);

  // Where the card's text is, how it is turned, and its lines, from a coarse map of the whole
  // photo; the region is cut out and levelled. A photo with no text found is read as it is.
  const coarse = await detect(engine, photo, LAYOUT_MAX_SIDE);
  const kernels = kernelsOf(coarse.prob, coarse.detW, coarse.detH);
  const layout = layoutOfKernels(kernels);
  const fx = photo.width / coarse.detW;
  const fy = photo.height / coarse.detH;
  let source = photo;
  let boxes: Box[] | undefined;
  if (layout.region) {
    const region = { x: layout.region.x * fx, y: layout.region.y * fy, w: layout.region.w * fx, h: layout.region.h * fy };
    const level = straighten(photo, region, Math.abs(layout.angle) > STRAIGHT_ENOUGH ? layout.angle : 0);
    source = level.canvas;
    // The coarse map's kernels already are the card's lines: carried onto the levelled card they
    // give its line boxes without a second detection — when its lines are tall enough in the map
    // to be told apart (a card far off in the photo is detected again, larger).
    if (lineHeight(kernels) >= MIN_KERNEL_HEIGHT) {
      const ctx = source.getContext('2d', { willReadFrequently: true });
      boxes = joinOverlapping(withoutInner(kernelBoxes(kernels, (x, y) => level.toFrame(x * fx, y * fy), (fx + fy) / 2, { w: source.width, h: source.height }).flatMap((box) => {
        const x = Math.round(box.x), y = Math.round(box.y), w = Math.round(box.w), h = Math.round(box.h);
        return ctx ? fitToInk(ctx.getImageData(x, y, w, h).data, { ...box, x, y, w, h }) : [box];
      })));
    }
  }
  await breathe();
  const t1 = performance.now();
  if (!boxes) {
    const found = await detect(engine, source, CARD_MAX_SIDE);
    const { prob, detW, detH } = found;
    const sx = source.width / detW;
    const sy = source.height / detH;
    boxes = boxesFromProbMap(prob, detW, detH).map((b): Box => ({ x: b.x * sx, y: b.y * sy, w: b.w * sx, h: b.h * sy, score: b.score }));
  }
  const t2 = performance.now();

  // On a front, the label column is named by its place, not read (./front-labels.ts).
  const labels = side === 'front' ? frontLabelBoxes(boxes) : new Map<number, string>();
  const lines: Line[] = boxes.map((box, i) => ({
    box,
    recW: Math.max(REC_HEIGHT, Math.min(1600, Math.ceil((box.w / box.h) * REC_HEIGHT))),
    text: labels.get(i),
  }));
  const toRead = lines.filter((l) => l.text === undefined);
  const groups = batches(toRead);
  let done = 0;
  for (const group of groups) {
    onProgress({ phase: 'recognise', done, total: toRead.length });
    await breathe();
    const width = Math.max(...group.map((l) => l.recW));
    const plane = 3 * REC_HEIGHT * width;
    // Padding stays 0, the normalised grey PaddleOCR pads a batch with.
    const input = new Float32Array(group.length * plane);
    for (const [n, line] of group.entries()) {
      const [, recCtx] = canvasOf(line.recW, REC_HEIGHT);
      recCtx.drawImage(source, line.box.x, line.box.y, line.box.w, line.box.h, 0, 0, line.recW, REC_HEIGHT);
      fillPlanes(input, n, recCtx.getImageData(0, 0, line.recW, REC_HEIGHT).data, line.recW, REC_HEIGHT, width, [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]);
    }
    const recOut = await engine.rec.run({ [engine.rec.inputNames[0] ?? 'x']: new ort.Tensor('float32', input, [group.length, 3, REC_HEIGHT, width]) });
    const logits = recOut[engine.rec.outputNames[0] ?? ''];
    if (!logits) continue;
    const [, steps = 0, classes = 0] = logits.dims;
    const data = logits.data as Float32Array;
    for (const [n, line] of group.entries()) line.text = ctcGreedy(data.subarray(n * steps * classes, (n + 1) * steps * classes), steps, classes, engine.dictionary);
    done += group.length;
  }
  const t3 = performance.now();
  const pieces = lines.filter((l) => l.text !== undefined).map((l) => ({ box: l.box, text: l.text ?? '' }));
  return {
    lines: joinRows(pieces),
    timings: { layout: t1 - t0, detect: t2 - t1, recognise: t3 - t2, boxes: boxes.length, runs: groups.length, width: toRead.reduce((sum, l) => sum + l.recW, 0) },
  };
}
