// An in-process server for integration tests: a fresh database, the real app driven through
// app.request(), an injected clock and push hooks, and one signed-in user per role — plus users
// of neighbouring areas, so every role has a "foreign" area to be refused.
import type { Hono } from 'hono';
import { kailuAreas } from '../../src/server/seed/kailu.ts';
import type { Area } from '../../src/shared/areas.ts';
import type { PullResponse, PushRequest, PushResponse } from '../../src/shared/protocol.ts';
import { createApp } from '../../src/server/app.ts';
import type { Env, PushHooks } from '../../src/server/deps.ts';
import type { Store } from '../../src/server/store/open.ts';
import type { Role } from '../../src/server/store/schema.ts';
import { seedAreas } from '../../src/server/seed/areas.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { openTestStore, type StoreKind } from './stores.ts';
import { Device } from './server-device.ts';
import { CursorBook } from '../../src/server/sync/cursors.ts';

export const PASSWORD = 'correct horse battery';

/** A neighbouring county (科尔沁区) so county staff have somewhere they may not look. */
export const foreignAreas: Area[] = [
  { code: '150502', name: '科尔沁区', level: 'county', parent: null },
  { code: '150502001', name: '科尔沁街道', level: 'town', parent: '150502' },
  { code: '150502001001', name: '测试社区居委会', level: 'village', parent: '150502001' },
];

const people = {
  med: { role: 'mediator', scope: '150523100200' },
  med2: { role: 'mediator', scope: '150523100201' },
  medB: { role: 'mediator', scope: '150523101200' },
  town: { role: 'town', scope: '150523100' },
  townB: { role: 'town', scope: '150523101' },
  county: { role: 'county', scope: '150523' },
  countyX: { role: 'county', scope: '150502' },
  admin: { role: 'admin', scope: '' },
} as const satisfies Record<string, { role: Role; scope: string }>;
export type UserKey = keyof typeof people;

export interface TestUser {
  id: string;
  username: string;
  role: Role;
  scope: string;
  token: string;
  device: Device;
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

let sharedHash: Promise<string> | undefined;

export class Harness {
  readonly clock = { now: new Date('2026-03-10T02:00:00.000Z') };
  readonly hooks: PushHooks = {};
  /** The device cursors the app notes, for compaction (sync/compact.ts). */
  readonly cursors = new CursorBook();
  readonly app: Hono<Env>;
  users = {} as Record<UserKey, TestUser>;

  constructor(readonly kind: StoreKind, readonly store: Store, distDir?: string) {
    this.app = createApp({
      store, now: () => this.clock.now, hooks: this.hooks, cursors: this.cursors, version: 'test', ...(distDir ? { distDir } : {}),
      clientIp: (c) => c.req.header('x-test-ip') ?? 'local',
    });
  }

  async call<T = any>(method: string, path: string, opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await this.app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Static files are not JSON; keep the text.
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  private readonly deviceTokens = new Map<string, string>();

  /** `user`'s session on the phone `clientId`: a session works only on the device it was opened on. */
  async tokenFor(user: TestUser, clientId: string): Promise<string> {
    if (clientId === user.device.clientId) return user.token;
    const key = `${user.id}|${clientId}`;
    let token = this.deviceTokens.get(key);
    if (!token) {
      token = (await createSession(this.store.db, user.id, clientId, this.clock.now)).token;
      this.deviceTokens.set(key, token);
    }
    return token;
  }

  /** Signs `user` in again on the phone `clientId` at the harness clock (after a session expired). */
  async signInAgain(user: TestUser, clientId: string): Promise<string> {
    const token = (await createSession(this.store.db, user.id, clientId, this.clock.now)).token;
    this.deviceTokens.set(`${user.id}|${clientId}`, token);
    return token;
  }

  async push(user: TestUser, request: PushRequest): Promise<Reply<PushResponse>> {
    return this.call('POST', '/api/sync/push', { token: await this.tokenFor(user, request.clientId), body: request });
  }

  async pull(user: TestUser, cursor: number, opts: { device?: Device; limit?: number } = {}): Promise<Reply<PullResponse>> {
    const device = opts.device ?? user.device;
    return this.call('POST', '/api/sync/pull', { token: await this.tokenFor(user, device.clientId), body: device.pullRequest(cursor, opts.limit) });
  }

  /** Pulls every page from `cursor`; returns all changes and the final response. */
  async pullAll(user: TestUser, cursor = 0, opts: { device?: Device; limit?: number } = {}) {
    const changes: PullResponse['changes'] = [];
    let last: PullResponse;
    for (;;) {
      const reply = await this.pull(user, cursor, opts);
      if (reply.status !== 200) throw new Error(`pull failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      last = reply.body;
      changes.push(...last.changes);
      cursor = last.cursor;
      if (!last.hasMore) return { changes, last };
    }
  }
}

export async function makeHarness(kind: StoreKind, distDir?: string): Promise<Harness> {
  const store = await openTestStore(kind);
  await seedAreas(store.db, [...kailuAreas, ...foreignAreas]);
  const h = new Harness(kind, store, distDir);
  sharedHash ??= hashPassword(PASSWORD);
  const passwordHash = await sharedHash;
  for (const [username, p] of Object.entries(people) as [UserKey, (typeof people)[UserKey]][]) {
    const id = await createUser(store.db, { username, displayName: username, role: p.role, scope: p.scope, passwordHash });
    const device = new Device(id);
    const { token } = await createSession(store.db, id, device.clientId, h.clock.now);
    h.users[username] = { id, username, role: p.role, scope: p.scope, token, device };
  }
  return h;
}

/**
 * One harness per describe block, made on first use. Acquired in beforeEach (not beforeAll) so
 * that when a database cannot be had — no PostgreSQL on this machine — every test *fails* with
 * the reason instead of being reported as skipped.
 */
export function lazyHarness(kind: StoreKind, distDir?: string): () => Promise<Harness> {
  let made: Promise<Harness> | undefined;
  return () => (made ??= makeHarness(kind, distDir));
}
