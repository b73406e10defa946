// The writer thread's code (sync/thread-ops.ts) when the server runs from its TypeScript sources
// (tsx, vitest): bundled once per process with esbuild (tsx's own dependency) into one
// self-contained file under the system's temp folder, named by its content. Loading the sources
// one file at a time through tsx in each new worker took 2–3 s of CPU per store on a busy
// machine; one bundle loads in tens of milliseconds. `npm run build:server` builds the same entry
// beside the server's bundle for `npm start`, which never comes here.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = new Map<string, Promise<string>>();

/** A file URL of `entry` (a file URL of a .ts module) bundled with its dependencies. */
export function bundleForWorker(entry: string): Promise<string> {
  let url = built.get(entry);
  if (!url) {
    url = build(entry);
    built.set(entry, url);
    // A failed build is tried again by the next caller.
    url.catch(() => built.delete(entry));
  }
  return url;
}

async function build(entry: string): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild gave no output for ${entry}`);
  const dir = join(tmpdir(), 'shuohe-worker-bundles');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(code).digest('hex').slice(0, 20)}.mjs`);
  if (!existsSync(file)) {
    // Written aside and renamed: another process building the same bundle never sees half a file.
    const part = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(part, code);
    renameSync(part, file);
  }
  return pathToFileURL(file).href;
}
