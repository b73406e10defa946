// Seals personal data at rest (DESIGN.md §Data, domain.md §8.4): a Dexie DBCore middleware that
// replaces the personal fields of each record by one AES-GCM payload on every write and opens it
// on every read. Being the storage layer, it covers every path at once — the single write path,
// the pull, the outbox the push reads, review items, photos — and callers keep their shapes.
// It works synchronously (crypto-keyring.ts) because it runs inside IndexedDB transactions.
//
// A stored record keeps in clear only what its indexes and the screens' cheap passes need (ids,
// area codes, status, dates, counts); the rest named below goes into `$sealed`. Reads open it
// lazily: a statistics pass that never touches `private` never decrypts it.

import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import type { Keyring } from './crypto-keyring.ts';
import { LockedError } from './crypto-keyring.ts';

interface TableSeal {
  /** The fields sealed together; every other field stays in clear. */
  fields: readonly string[];
  /** One binary field (photo bytes) sealed as bytes rather than JSON. */
  binary?: true;
}

/**
 * Personal data by table. cases: parties, 身份证号, phones, addresses, facts, claims, place.
 * events: 调解记录 statements, visit notes, photo titles. outbox: each mutation's arguments (a
 * created case, a patch of private fields, an appended event); sent: the same, once acknowledged. review: conflicting values and
 * refused mutations. blobs: photo bytes (IDs, signatures, injuries).
 */
export const sealedTables: Readonly<Record<string, TableSeal>> = {
  // Every free text about the dispute: the agreement's terms, why it ended, was refused or voided,
  // the 督促履行 note of the follow-up; and the mediators' names (the signed-in account's own name
  // among them, sealed in the session too).
  cases: { fields: ['private', 'agreement', 'termination', 'rejection', 'voided', 'followUp', 'mediators'] },
  events: { fields: ['data'] },
  outbox: { fields: ['args', 'patch'] },
  sent: { fields: ['args', 'patch'] },
  review: { fields: ['conflict', 'rejected'] },
  blobs: { fields: ['bytes'], binary: true },
  // 排查: who took part, where, what was found (names, facts), 重点人员 and 隐患.
  screenings: { fields: ['participants', 'place', 'findings', 'keyPersons', 'hazards'] },
  // 上报: what is happening, who reported it and who acknowledged it.
  alerts: { fields: ['summary', 'reportedByName', 'ack'] },
  // 移交: why it was sent or returned, who sent and decided it, the parties and facts the
  // receiver reads, and the outcome (a 终止 reason is free text).
  referrals: { fields: ['reason', 'returnReason', 'summary', 'sentByName', 'decidedByName', 'outcome'] },
};

export interface SealedRow {
  $sealed: Uint8Array<ArrayBuffer>;
  $fields: string[];
  [field: string]: unknown;
}

/** On an opened row: the payload it came from, reused on write while its fields are untouched. */
const ORIGIN = Symbol('sealed origin');
interface Origin {
  sealed: Uint8Array<ArrayBuffer>;
  fields: string[];
  touched: boolean;
  /** Where the payload is bound (table/key), for opening it later in a batch. */
  aad: string;
  binary: boolean;
}

type Row = Record<string | symbol, unknown>;

const isSealed = (value: unknown): value is SealedRow => typeof value === 'object' && value !== null && '$sealed' in value;
const aadOf = (table: string, key: unknown) => `${table}/${String(key)}`;

/** True when `row` was read from a sealed record and not changed since (for the migration). */
export function cameSealed(row: unknown): boolean {
  return typeof row === 'object' && row !== null && ORIGIN in row;
}

/**
 * True when `row` of `table` holds a field in clear that this version seals: never sealed, or
 * sealed by an older version with fewer fields (cases before the agreement and reasons were).
 */
export function needsSealing(table: string, row: unknown): boolean {
  const seal = sealedTables[table];
  if (!seal || typeof row !== 'object' || row === null) return false;
  const origin = (row as Row)[ORIGIN] as Origin | undefined;
  if (!origin) return seal.fields.some((f) => (row as Row)[f] !== undefined);
  return Object.keys(row).some((f) => seal.fields.includes(f) && !origin.fields.includes(f) && (row as Row)[f] !== undefined);
}

function openRow(keyring: Keyring, table: string, seal: TableSeal, keyPath: string, stored: unknown): unknown {
  if (!isSealed(stored)) return stored;
  const { $sealed, $fields, ...clear } = stored;
  const row: Row = clear;
  const origin: Origin = { sealed: $sealed, fields: $fields, touched: false, aad: aadOf(table, row[keyPath]), binary: seal.binary === true };
  Object.defineProperty(row, ORIGIN, { value: origin });
  let opened: Record<string, unknown> | undefined;
  const payload = () => {
    if (!opened) {
      const aad = origin.aad;
      opened = seal.binary
        ? { [seal.fields[0] as string]: keyring.openBytes($sealed, aad) }
        : (keyring.openJson($sealed, aad) as Record<string, unknown>);
    }
    return opened;
  };
  const settle = (field: string, value: unknown) => {
    Object.defineProperty(row, field, { value, writable: true, enumerable: true, configurable: true });
  };
  for (const field of $fields) {
    Object.defineProperty(row, field, {
      enumerable: true,
      configurable: true,
      get() {
        const value = payload()[field];
        settle(field, value);
        origin.touched = true;
        return value;
      },
      set(value: unknown) {
        settle(field, value);
        origin.touched = true;
      },
    });
  }
  return row;
}

function clearPart(row: Row, seal: TableSeal): Row {
  const out: Row = {};
  for (const key of Object.keys(row)) if (!seal.fields.includes(key)) out[key] = row[key];
  return out;
}

function sealRow(keyring: Keyring, table: string, seal: TableSeal, keyPath: string, value: unknown): unknown {
  if (keyring.mode === 'plain' || isSealed(value) || typeof value !== 'object' || value === null) return value;
  const row = value as Row;
  const origin = row[ORIGIN] as Origin | undefined;
  // Only clear fields changed (a photo's upload state, say): keep the payload as it was.
  if (origin && !origin.touched) return { ...clearPart(row, seal), $sealed: origin.sealed, $fields: origin.fields };
  const fields = seal.fields.filter((f) => row[f] !== undefined);
  if (fields.length === 0) return value;
  if (keyring.mode === 'locked') throw new LockedError();
  const aad = aadOf(table, row[keyPath]);
  const $sealed = seal.binary
    ? keyring.sealBytes(row[fields[0] as string] as ArrayBuffer, aad)
    : keyring.sealJson(Object.fromEntries(fields.map((f) => [f, row[f]])), aad);
  return { ...clearPart(row, seal), $sealed, $fields: fields };
}

/**
 * Opens the sealed fields of rows read through the middleware all at once, through WebCrypto,
 * instead of one by one in JavaScript as they are touched: several times faster for a push's
 * outbox batch or the name index's pass over every case. Call it AFTER the read's transaction (an
 * await inside one would end it). Rows not sealed, binary or already touched are left as they are.
 */
export async function openRowsNow(keyring: Keyring, rows: readonly unknown[]): Promise<void> {
  if (keyring.mode !== 'open') return;
  const pending = rows.filter((r): r is Row => {
    const origin = typeof r === 'object' && r !== null ? ((r as Row)[ORIGIN] as Origin | undefined) : undefined;
    return origin !== undefined && !origin.touched && !origin.binary;
  });
  if (pending.length === 0) return;
  const opened = await keyring.openJsonMany(pending.map((row) => {
    const origin = row[ORIGIN] as Origin;
    return { sealed: origin.sealed, aad: origin.aad };
  }));
  pending.forEach((row, i) => {
    const origin = row[ORIGIN] as Origin;
    const values = opened[i] as Record<string, unknown>;
    for (const field of origin.fields) Object.defineProperty(row, field, { value: values[field], writable: true, enumerable: true, configurable: true });
    // As when a getter hands a value out: it may be changed in place, so a write seals it afresh.
    origin.touched = true;
  });
}

/**
 * Seals rows of a JSON table through WebCrypto in one batch. Call it BEFORE the transaction that
 * stores them (a pull page, the migration): the middleware stores pre-sealed rows as they are.
 */
export async function sealRows<T extends object>(keyring: Keyring, table: string, keyPath: string, rows: readonly T[]): Promise<T[]> {
  const seal = sealedTables[table];
  if (!seal || seal.binary) throw new Error(`${table} is not a JSON-sealed table`);
  if (keyring.mode === 'plain' || rows.length === 0) return [...rows];
  const items = rows.map((row) => {
    const r = row as Row;
    return { value: Object.fromEntries(seal.fields.filter((f) => r[f] !== undefined).map((f) => [f, r[f]])), aad: aadOf(table, r[keyPath]) };
  });
  const sealed = await keyring.sealJsonMany(items);
  return rows.map((row, i) => {
    const fields = Object.keys(items[i]?.value ?? {});
    return { ...clearPart(row as Row, seal), $sealed: sealed[i], $fields: fields } as unknown as T;
  });
}

function wrapCursor(cursor: DBCoreCursor, open: (v: unknown) => unknown): DBCoreCursor {
  let lastRaw: unknown;
  let lastOpened: unknown;
  // A Proxy, not Object.create: in a browser the cursor is a native IDBCursor, whose getters and
  // methods throw "Illegal invocation" unless called on the cursor itself (fake-indexeddb's do not).
  return new Proxy(cursor, {
    get(target, prop) {
      if (prop === 'value') {
        const raw = target.value;
        if (raw !== lastRaw) {
          lastRaw = raw;
          lastOpened = open(raw);
        }
        return lastOpened;
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Told which primary keys of a table were written (or 'all' for a range delete). */
export type WriteListener = (table: string, keys: readonly unknown[] | 'all') => void;

export function sealingMiddleware(keyring: Keyring, onWrite: WriteListener): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'sealing',
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          const seal = sealedTables[name];
          if (!seal) return table;
          const keyPath = table.schema.primaryKey.keyPath as string;
          const open = (v: unknown) => openRow(keyring, name, seal, keyPath, v);
          const sealed: DBCoreTable = {
            ...table,
            mutate(req) {
              if (req.type === 'add' || req.type === 'put') {
                const values = req.values.map((v) => sealRow(keyring, name, seal, keyPath, v));
                onWrite(name, req.values.map((v) => (v as Row)[keyPath]));
                return table.mutate({ ...req, values });
              }
              onWrite(name, req.type === 'delete' ? req.keys : 'all');
              return table.mutate(req);
            },
            get: (req) => table.get(req).then(open),
            getMany: (req) => table.getMany(req).then((values) => values.map(open)),
            query: (req) => table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(open) } : res)),
            openCursor: (req) => table.openCursor(req).then((cursor) => (cursor && req.values ? wrapCursor(cursor, open) : cursor)),
          };
          return sealed;
        },
      };
    },
  };
}
