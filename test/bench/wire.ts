// A whole pull from cursor 0 as the bytes that cross the wire (issue #13): node:http, so the
// body is counted as sent — compressed or not — rather than as fetch() decodes it.
import { request } from 'node:http';
import { PROTOCOL_VERSION, type PullResponse } from '../../src/shared/protocol.ts';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface WirePull {
  bytes: number;
  changes: number;
  cases: number;
  /** From the first request to the last page read: the server's work (one client, pages in turn). */
  ms: number;
}

function post(url: string, token: string, body: string, encoding: string): Promise<{ raw: Buffer; contentEncoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ raw: Buffer.concat(chunks), contentEncoding: res.headers['content-encoding'] }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Every page from cursor 0 for a new device; `encoding` is the Accept-Encoding sent. */
export async function wirePull(base: string, token: string, clientId: string, encoding: 'identity' | 'gzip' | 'br'): Promise<WirePull> {
  let cursor = 0;
  const result: WirePull = { bytes: 0, changes: 0, cases: 0, ms: 0 };
  const t0 = performance.now();
  for (;;) {
    const { raw, contentEncoding } = await post(`${base}/api/sync/pull`, token, JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId, cursor }), encoding);
    result.bytes += raw.length;
    const text = (contentEncoding === 'br' ? brotliDecompressSync(raw) : contentEncoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
    const page = JSON.parse(text) as PullResponse;
    result.changes += page.changes.length;
    result.cases += page.changes.filter((c) => c.entity === 'case').length;
    cursor = page.cursor;
    if (!page.hasMore) return { ...result, ms: performance.now() - t0 };
  }
}
