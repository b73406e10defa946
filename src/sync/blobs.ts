// Photo bytes to and from the server, apart from the case data (sync.md §2.7). The upload queue
// runs after push and pull (engine.ts), so the metadata that names a photo is on the server
// before its bytes. Each file is sent in BLOB_CHUNK_BYTES pieces; before sending, HEAD asks how
// much the server already has, so a transfer cut halfway resumes there and no byte is stored
// twice. Downloads are on demand (a case screen shows the photo) and checked against the hash.

import { BLOB_CHUNK_BYTES, formatContentRange, type AttachmentData } from '../shared/attachments.ts';
import { t, hasMessage } from '../shared/i18n/index.ts';
import type { ShuoheDb } from '../db/schema.ts';
import { cacheDownloaded, sha256Hex, uploadQueue, type StoredBlob } from '../db/blobs.ts';
import { ApiError } from './http.ts';

export interface BlobProgress {
  received: number;
  complete: boolean;
}

export interface BlobApi {
  /** How much of the blob the server holds. */
  head(sha256: string, caseId: string): Promise<BlobProgress>;
  /** Sends bytes [start, start + piece.length) of a blob of `total` bytes. */
  put(sha256: string, caseId: string, piece: Uint8Array<ArrayBuffer>, start: number, total: number): Promise<BlobProgress>;
  get(sha256: string, caseId: string): Promise<ArrayBuffer>;
}

/** The header the server answers HEAD with (server/blobs/routes.ts). */
const RECEIVED_HEADER = 'blob-received';

/** A HEAD answer has no body: name its refusal from the status alone. */
const headCodes: Record<number, string> = { 401: 'auth.required', 403: 'auth.forbidden', 404: 'case.notFound', 409: 'blob.unreferenced' };

async function failure(response: Response): Promise<ApiError> {
  const payload = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  const code = payload?.error?.code ?? headCodes[response.status] ?? 'http';
  const message = payload?.error?.message ?? (hasMessage(code) ? t(code) : t('error.status', { status: response.status }));
  return new ApiError(response.status, code, message);
}

export function createBlobApi(fetchFn: typeof fetch, baseUrl: string, getToken: () => string | undefined): BlobApi {
  const call = async (method: string, sha256: string, caseId: string, init: { headers?: Record<string, string>; body?: Uint8Array<ArrayBuffer> } = {}) => {
    const token = getToken();
    try {
      return await fetchFn(`${baseUrl}/api/blobs/${sha256}?caseId=${encodeURIComponent(caseId)}`, {
        method,
        headers: { ...init.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(init.body ? { body: init.body } : {}),
      });
    } catch {
      throw new ApiError(0, 'network', t(method === 'GET' ? 'attach.networkDownload' : 'attach.network'));
    }
  };
  const readProgress = async (response: Response): Promise<BlobProgress> => {
    // 308: the server holds part of it (resume from `received`); 200/201: all of it.
    if (response.status !== 308 && !response.ok) throw await failure(response);
    const body = (await response.json()) as BlobProgress;
    return { received: body.received, complete: body.complete };
  };
  return {
    async head(sha256, caseId) {
      const response = await call('HEAD', sha256, caseId);
      const received = Number(response.headers.get(RECEIVED_HEADER) ?? Number.NaN);
      if (response.ok) return { received, complete: true };
      if (response.status === 404 && Number.isFinite(received)) return { received, complete: false };
      throw await failure(response);
    },
    async put(sha256, caseId, piece, start, total) {
      const range = formatContentRange({ start, end: start + piece.byteLength - 1, total });
      const response = await call('PUT', sha256, caseId, { headers: { 'content-type': 'application/octet-stream', 'content-range': range }, body: piece });
      return readProgress(response);
    },
    async get(sha256, caseId) {
      const response = await call('GET', sha256, caseId);
      if (!response.ok) throw await failure(response);
      try {
        return await response.arrayBuffer();
      } catch {
        throw new ApiError(0, 'network', t('attach.networkDownload'));
      }
    },
  };
}

export interface UploadResult {
  uploaded: number;
  failed: number;
}

/** Refusals that no retry will fix: the user sees 失败 and decides (重试 re-queues). */
const isRefusal = (e: ApiError) => !e.isTemporary && e.code !== 'blob.unreferenced' && e.status !== 401;

async function uploadOne(db: ShuoheDb, api: BlobApi, blob: StoredBlob, chunkBytes: number): Promise<void> {
  await db.blobs.update(blob.sha256, { state: 'uploading', error: null });
  let progress = await api.head(blob.sha256, blob.caseId);
  await db.blobs.update(blob.sha256, { sent: progress.received });
  while (!progress.complete) {
    const start = progress.received;
    const end = Math.min(start + chunkBytes, blob.size);
    progress = await api.put(blob.sha256, blob.caseId, new Uint8Array(blob.bytes.slice(start, end)), start, blob.size);
    // A server that neither advances nor finishes would loop forever: treat it as a refusal.
    if (!progress.complete && progress.received <= start) throw new ApiError(422, 'blob.badRange', t('blob.badRange'));
    await db.blobs.update(blob.sha256, { sent: progress.received });
  }
  await db.blobs.update(blob.sha256, { state: 'uploaded', sent: blob.size, error: null, isRefused: false });
}

/**
 * Sends every queued photo. A refused file is marked 失败 and the queue goes on; a network or
 * server failure marks the file and stops the pass (thrown, so the runner backs off and retries).
 */
export async function uploadBlobs(db: ShuoheDb, api: BlobApi, options: { chunkBytes?: number } = {}): Promise<UploadResult> {
  const result: UploadResult = { uploaded: 0, failed: 0 };
  for (const blob of await uploadQueue(db)) {
    try {
      await uploadOne(db, api, blob, options.chunkBytes ?? BLOB_CHUNK_BYTES);
      result.uploaded++;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'blob.unreferenced') {
        // The metadata has not reached the server (its push is waiting or was refused): try later.
        await db.blobs.update(blob.sha256, { state: 'pending', error: t('attach.uploadWaits') });
        continue;
      }
      result.failed++;
      await db.blobs.update(blob.sha256, { state: 'failed', error: error.message, isRefused: isRefusal(error) });
      if (!isRefusal(error)) throw error;
    }
  }
  return result;
}

/** Fetches a photo this device lacks, checks it against its hash and keeps it. */
export async function downloadBlob(db: ShuoheDb, api: BlobApi, caseId: string, data: AttachmentData, now: () => Date): Promise<void> {
  const bytes = await api.get(data.sha256, caseId);
  if ((await sha256Hex(bytes)) !== data.sha256) throw new ApiError(422, 'blob.hashMismatch', t('blob.hashMismatch'));
  await cacheDownloaded(db, caseId, data, bytes, now().toISOString());
}
