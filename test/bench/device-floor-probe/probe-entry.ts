// Probe: IndexedDB write cost of 10,000 case rows by index set, row shape and durability.
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';

const FULL = 'id, updatedAt, [tab+updatedAt], [categoryCode+updatedAt], [tab+categoryCode+updatedAt]';
const schemas: Record<string, string> = {
  full: FULL,
  two: 'id, [tab+updatedAt], [categoryCode+updatedAt]',
  tabAndUpdated: 'id, updatedAt, [tab+updatedAt]',
  one: 'id, [tab+updatedAt]',
  none: 'id',
};

function clearRow(i: number) {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return {
    id: uuidv7(), version: 1, villageCode: '150523100200', townCode: '150523100', countyCode: '150523', committeeName: '测试村人民调解委员会',
    caseNo: `（2026）开鲁调字第${i + 1}号`, provisionalNo: `临BENC-${i}`, status: 'mediating', outcome: null,
    categoryCode: String(i % 12).padStart(2, '0'), source: '申请', acceptedOn: '2026-06-01', isDifficult: false,
    prevention: { suicide: 0, criminal: 0, groupPetition: 0, groupFight: 0 },
    needsReview: false, createdAt: at, updatedAt: at, tab: ['open', 'visit', 'closed'][i % 3],
  };
}
const SEALED = 1480;

function rowsOf(n: number) {
  return Array.from({ length: n }, (_, i) => ({ ...clearRow(i), $sealed: crypto.getRandomValues(new Uint8Array(SEALED)), $big: crypto.getRandomValues(new Uint8Array(SEALED + 420)), $fields: ['private', 'agreement', 'termination', 'rejection', 'voided', 'mediators'] }));
}

type Row = ReturnType<typeof rowsOf>[number];
const shapes: Record<string, (r: Row) => object> = {
  wide: ({ $big: _b, ...r }) => r,
  slim: (r) => ({ id: r.id, tab: r.tab, updatedAt: r.updatedAt, $sealed: r.$big, $fields: r.$fields }),
  slimmer: (r) => ({ id: r.id, tab: r.tab, updatedAt: r.updatedAt, $sealed: r.$big }),
  packed: (r) => {
    const { id, tab, updatedAt, categoryCode, $sealed, $fields, ...rest } = r;
    return { id, tab, updatedAt, categoryCode, $c: JSON.stringify([rest, $fields]), $sealed };
  },
  packedNoCat: (r) => {
    const { id, tab, updatedAt, $sealed, $fields, ...rest } = r;
    return { id, tab, updatedAt, $c: JSON.stringify([rest, $fields]), $sealed };
  },
  // clear JSON + sealed bytes in one buffer
  oneBuffer: (r) => {
    const { id, tab, updatedAt, categoryCode, $sealed, $fields, ...rest } = r;
    const head = new TextEncoder().encode(JSON.stringify([rest, $fields]));
    const buf = new Uint8Array(4 + head.length + $sealed.length);
    new DataView(buf.buffer).setUint32(0, head.length);
    buf.set(head, 4); buf.set($sealed, 4 + head.length);
    return { id, tab, updatedAt, categoryCode, $b: buf };
  },
};

async function run(schema: string, shape: string, durability: 'default' | 'relaxed' | 'strict', n: number, pageSize: number) {
  const rows = rowsOf(n);
  const db = new Dexie(`probe-${Date.now()}-${Math.random()}`, { chromeTransactionDurability: durability });
  db.version(1).stores({ cases: schemas[schema] as string });
  await db.open();
  const table = db.table('cases');
  const pack = shapes[shape] as (r: Row) => object;
  // wide and slim rows are what a page hands to bulkPut (built before); the others pack in the timing.
  const pre = shape === 'wide' || shape.startsWith('slim');
  const ready = pre ? rows.map(pack) : rows;
  const t0 = performance.now();
  for (let i = 0; i < n; i += pageSize) {
    const page = ready.slice(i, i + pageSize);
    await db.transaction('rw', table, () => table.bulkPut(pre ? page : page.map((r) => pack(r as Row))));
  }
  const ms = performance.now() - t0;
  db.close();
  await Dexie.delete(db.name);
  return ms;
}

Object.assign(window, { probe: { run } });
document.title = 'ready';
