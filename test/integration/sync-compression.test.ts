// Negotiated compression of the JSON API (server/http/compress.ts): a pull page asked for with
// Accept-Encoding comes back compressed and decodes to exactly the page sent raw; a small answer
// and a client that asks for nothing get the plain bytes.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness, type TestUser } from '../support/server.ts';
import { Device, caseRecord, session } from '../support/server-device.ts';

afterAll(closeTestStores);

describe.each(storeKinds)('compressed answers on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  const rawPull = async (user: TestUser, device: Device, acceptEncoding?: string) => {
    const res = await h.app.request('/api/sync/pull', {
      method: 'POST',
      headers: { authorization: `Bearer ${await h.tokenFor(user, device.clientId)}`, 'content-type': 'application/json', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
      body: JSON.stringify(device.pullRequest(0)),
    });
    expect(res.status).toBe(200);
    return { headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  test('a pull page with Accept-Encoding gzip or br is compressed and decodes to the same page', async () => {
    const { medB } = h.users;
    const dev = new Device(medB.id);
    const records = Array.from({ length: 20 }, () => caseRecord(medB.scope));
    await h.push(medB, dev.request(records.flatMap((r) => [dev.create(r), dev.event(r, session())])));

    const plain = await rawPull(medB, dev);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const page = JSON.parse(plain.bytes.toString('utf8'));
    expect(page.changes).toHaveLength(40);

    const gz = await rawPull(medB, dev, 'gzip, deflate');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(gz.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);

    const br = await rawPull(medB, dev, 'gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);

    // q=0 refuses an encoding.
    const refused = await rawPull(medB, dev, 'br;q=0, gzip;q=0');
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect(refused.bytes.equals(plain.bytes)).toBe(true);
  });

  test('an answer under 1 KB is sent plain even when compression is offered', async () => {
    const res = await h.app.request('/api/health', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toMatchObject({ version: 'test' });
  });
});
