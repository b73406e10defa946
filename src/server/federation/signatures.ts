// The Ed25519 checks of a batch of county files, on a worker thread while the request's own thread
// adds the months up (federation/import.ts). A signature check is ~0.13 ms of CPU a file, all of
// it synchronous in node: a province's year of 1,200 files was 150 ms of a request's 500 ms budget
// on one thread (issue #15 bench), which the worker takes off it where a second core is free. A few
// files are checked right here (a worker's round trip would cost more), and if the worker cannot
// start or fails, every file is checked here instead: the answer never depends on the thread.
import { verify, type KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';

export interface SignatureJob {
  /** The county's registered key (SPKI PEM). */
  pem: string;
  key: KeyObject;
  /** The exact signed text. */
  signed: string;
  /** The signature, base64. */
  signature: string;
}

/** Batches smaller than this are checked on the calling thread. */
const WORKER_FROM = 16;

// Plain CommonJS evaluated by the worker: no loader, no build step, the same in tests and in production.
const workerSource = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
parentPort.on('message', ({ id, jobs }) => {
  const ok = jobs.map(({ pem, signed, signature }) => {
    let key = keys.get(pem);
    if (!key) keys.set(pem, (key = createPublicKey(pem)));
    try {
      return verify(null, Buffer.from(signed, 'utf8'), key, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  });
  parentPort.postMessage({ id, ok });
});`;

function checkHere(job: SignatureJob): boolean {
  try {
    return verify(null, Buffer.from(job.signed, 'utf8'), job.key, Buffer.from(job.signature, 'base64'));
  } catch {
    return false;
  }
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (ok: boolean[]) => void; reject: (error: Error) => void }>();

function failAll(error: Error): void {
  worker = undefined;
  for (const p of pending.values()) p.reject(error);
  pending.clear();
}

function theWorker(): Worker {
  if (worker) return worker;
  const made = new Worker(workerSource, { eval: true });
  // Idle, it keeps no process alive (a test, a CLI import ends when its work does).
  made.unref();
  made.on('message', ({ id, ok }: { id: number; ok: boolean[] }) => {
    const p = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) made.unref();
    p?.resolve(ok);
  });
  made.on('error', failAll);
  made.on('exit', () => failAll(new Error('signature worker exited')));
  worker = made;
  return made;
}

/** On the worker; rejects if it fails. */
function checkOnWorker(jobs: readonly SignatureJob[]): Promise<boolean[]> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    try {
      const w = theWorker();
      // Held while it has work, so the process waits for the answer.
      w.ref();
      w.postMessage({ id, jobs: jobs.map(({ pem, signed, signature }) => ({ pem, signed, signature })) });
    } catch (error) {
      pending.delete(id);
      reject(error as Error);
    }
  });
}

/**
 * Starts checking each job's signature; `whileWaiting` runs on this thread meanwhile (work that does
 * not depend on the answer). Resolves to whether each signature is valid, in the jobs' order.
 */
export async function checkSignatures<T>(jobs: readonly (SignatureJob | undefined)[], whileWaiting: () => T): Promise<{ ok: boolean[]; result: T }> {
  const real = jobs.filter((j): j is SignatureJob => j !== undefined);
  if (real.length < WORKER_FROM) {
    const result = whileWaiting();
    return { ok: jobs.map((j) => j !== undefined && checkHere(j)), result };
  }
  const answer = checkOnWorker(real).catch(() => real.map(checkHere));
  const result = whileWaiting();
  const checked = await answer;
  let k = 0;
  return { ok: jobs.map((j) => j !== undefined && (checked[k++] as boolean)), result };
}
