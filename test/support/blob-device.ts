// A simulated phone that also moves photo bytes: the sync harness's device (fake-indexeddb, real
// sync engine) with the blob API wired in, a network that can drop or lose answers, and a log of
// every PUT (range and size) so a test can prove a resumed upload sent no byte twice.
import { syncOnce } from '../../src/sync/engine.ts';
import { createApiClient } from '../../src/sync/http.ts';
import { createBlobApi } from '../../src/sync/blobs.ts';
import { login, type Harness } from './sync-harness.ts';
import { newDevice } from './dexie-device.ts';
import { deviceMeta } from '../../src/db/device.ts';

export interface PutLog {
  range: string;
  bytes: number;
  status: number | 'lost' | 'down';
}

export async function blobDevice(h: Harness, username: string, scope: string) {
  const device = newDevice(username);
  const token = await login(h, username, (await deviceMeta(device.db)).clientId);
  const net = {
    up: true,
    loseResponses: false,
    /** Called after each PUT reached the server; may cut the network or lose this answer. */
    afterPut: undefined as ((log: PutLog) => void) | undefined,
  };
  const puts: PutLog[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!net.up) {
      if (init?.method === 'PUT') puts.push({ range: headerOf(init, 'content-range'), bytes: 0, status: 'down' });
      throw new TypeError('Failed to fetch');
    }
    const response = await h.fetch(input, init);
    if (init?.method === 'PUT') {
      const log: PutLog = { range: headerOf(init, 'content-range'), bytes: (init.body as Uint8Array).byteLength, status: response.status };
      puts.push(log);
      net.afterPut?.(log);
      if (net.loseResponses) log.status = 'lost';
    }
    if (net.loseResponses) throw new TypeError('Failed to fetch');
    return response;
  }) as typeof fetch;
  const api = createApiClient(fetchFn, '', () => token);
  const blobs = createBlobApi(fetchFn, '', () => token);
  return {
    ...device,
    token,
    net,
    puts,
    scope,
    blobs,
    sync: () => syncOnce({ db: device.db, api, blobs, scope, now: device.now }),
  };
}

function headerOf(init: RequestInit, name: string): string {
  return (init.headers as Record<string, string> | undefined)?.[name] ?? '';
}
