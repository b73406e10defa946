// Every value in every object store of every IndexedDB database, bytes decoded as UTF-8: what a
// thief who copied the phone's storage would read. Self-contained (no imports, no outer names) so
// a browser test can hand it to page.evaluate and a Node test (fake-indexeddb) can call it.
export async function dumpIndexedDb(): Promise<string> {
  const parts: string[] = [];
  const asText = (_key: string, v: unknown) =>
    v instanceof ArrayBuffer ? new TextDecoder().decode(v) : ArrayBuffer.isView(v) ? new TextDecoder().decode(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) : v;
  for (const info of await indexedDB.databases()) {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name as string);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const store of [...idb.objectStoreNames]) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const req = idb.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      parts.push(`${info.name}/${store}: ${JSON.stringify(rows, asText)}`);
    }
    idb.close();
  }
  return parts.join('\n');
}
