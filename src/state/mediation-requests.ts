// Residents' 申请调解 requests on the phone that sent them (idb-keyval, no PIN, no account): each
// lives here as 待发送 → 已送达 (with its short number) → 已受理 / 不予受理 until the resident deletes
// it. The request's id is made here (uuidv7), so a resend after a lost answer is the same request to
// the server; with it goes a random secret, and only this phone, holding the secret, can later ask
// the server how the committee answered (POST requestStatusPath). What must stay true: a request
// leaves the 待发送 state only after a 2xx for its id, and the personal data in it (name, phone,
// the other party, facts) is dropped from the phone as soon as the server has it.

import { computed, signal } from '@preact/signals';
import { del, get, update } from 'idb-keyval';
import { uuidv7 } from 'uuidv7';
import { REQUESTS_PATH, requestNumber, requestStatusPath, type MediationRequest, type PublicRequestStatus } from '../shared/public-api.ts';

export type RequestFields = Omit<MediationRequest, 'id' | 'createdAt' | 'secret'>;
export type SubmitOutcome = 'sent' | 'queued';
export type MyRequestState = 'waiting' | 'delivered' | 'accepted' | 'refused';

export interface MyRequest {
  readonly id: string;
  /** The short number the resident quotes when the committee calls (public-api.ts requestNumber). */
  readonly number: string;
  readonly villageCode: string;
  readonly categoryCode: string;
  readonly createdAt: string;
  readonly secret: string;
  readonly state: MyRequestState;
  /** The whole request while it waits on this phone; dropped once the server has it. */
  readonly request?: MediationRequest;
  readonly attempts: number;
  /** HTTP status of the last refusal, kept so a stuck request can be explained. */
  readonly lastStatus?: number;
  readonly deliveredAt?: string;
  readonly decidedAt?: string;
  readonly refuseReason?: string;
}

export interface QueueDeps {
  readonly fetch: typeof fetch;
  readonly now: () => Date;
  readonly isOnline: () => boolean;
}

const KEY = 'my-requests';
/** Where phones before the request states kept their unsent queue ({request, attempts}[]). */
const OLD_QUEUE_KEY = 'mediation-requests';
const TIMEOUT_MS = 15_000;

const browserDeps: QueueDeps = {
  fetch: (...args) => fetch(...args),
  now: () => new Date(),
  isOnline: () => typeof navigator === 'undefined' || navigator.onLine,
};

/** This phone's requests, newest first, as last read from storage. */
export const myRequests = signal<readonly MyRequest[]>([]);

/** Requests on this phone not yet accepted by the server. */
export const queuedRequestCount = computed(() => myRequests.value.filter((r) => r.state === 'waiting').length);

/** 32 random bytes as base64url: the secret only this phone knows (public-api.ts SECRET). */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fresh(request: MediationRequest, secret: string): MyRequest {
  return {
    id: request.id, number: requestNumber(request.id), villageCode: request.villageCode, categoryCode: request.categoryCode,
    createdAt: request.createdAt, secret, state: 'waiting', request: { ...request, secret }, attempts: 0,
  };
}

/** Reads the list, first moving an older phone's unsent queue into it (with a secret each). */
async function readAll(): Promise<MyRequest[]> {
  const old = await get<{ request: MediationRequest; attempts: number }[]>(OLD_QUEUE_KEY);
  if (old) {
    await update<MyRequest[]>(KEY, (list) => [...(list ?? []), ...old.map((q) => ({ ...fresh(q.request, newSecret()), attempts: q.attempts }))]);
    await del(OLD_QUEUE_KEY);
  }
  return (await get<MyRequest[]>(KEY)) ?? [];
}

async function change(id: string, edit: (r: MyRequest) => MyRequest | undefined): Promise<void> {
  await update<MyRequest[]>(KEY, (list) => (list ?? []).flatMap((r) => (r.id === id ? (edit(r) ?? []) : [r])));
}

export async function refreshMyRequests(): Promise<void> {
  const list = await readAll();
  myRequests.value = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Resolves once the request is stored; only then may the screen say it was saved. */
export async function submitMediationRequest(fields: RequestFields, deps: QueueDeps = browserDeps): Promise<SubmitOutcome> {
  const request: MediationRequest = { ...fields, id: uuidv7(), createdAt: deps.now().toISOString() };
  await readAll();
  await update<MyRequest[]>(KEY, (list) => [...(list ?? []), fresh(request, newSecret())]);
  await refreshMyRequests();
  const sent = await sendQueuedRequests(deps);
  return sent.has(request.id) ? 'sent' : 'queued';
}

/** The resident's own choice: the request disappears from this phone (the committee keeps theirs). */
export async function deleteMyRequest(id: string): Promise<void> {
  await change(id, () => undefined);
  await refreshMyRequests();
}

let running: Promise<Set<string>> | undefined;

/**
 * POSTs every waiting request, oldest first; returns the ids the server accepted. One drain at a
 * time: a call during a drain waits for it and then drains again, so a request queued meanwhile
 * is not skipped.
 */
export function sendQueuedRequests(deps: QueueDeps = browserDeps): Promise<Set<string>> {
  const previous = running ?? Promise.resolve(new Set<string>());
  const next = previous.catch(() => new Set<string>()).then(() => drain(deps));
  running = next;
  void next.finally(() => {
    if (running === next) running = undefined;
  });
  return next;
}

async function drain(deps: QueueDeps): Promise<Set<string>> {
  const sent = new Set<string>();
  if (!deps.isOnline()) return sent;
  const waiting = (await readAll()).filter((r) => r.state === 'waiting' && r.request).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const { id, request } of waiting) {
    let status: number;
    try {
      const res = await deps.fetch(REQUESTS_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = res.status;
    } catch {
      break; // no network after all: the rest would fail the same way
    }
    const isAccepted = status >= 200 && status < 300;
    const deliveredAt = deps.now().toISOString();
    await change(id, (r) => {
      if (!isAccepted) return { ...r, attempts: r.attempts + 1, lastStatus: status };
      const { request: _sent, lastStatus: _last, ...kept } = r;
      return { ...kept, state: 'delivered', deliveredAt };
    });
    if (isAccepted) sent.add(id);
  }
  await refreshMyRequests();
  return sent;
}

/** Asks the server about every delivered request not yet answered; a failure changes nothing. */
export async function checkRequestAnswers(deps: QueueDeps = browserDeps): Promise<void> {
  if (!deps.isOnline()) return;
  for (const r of (await readAll()).filter((x) => x.state === 'delivered')) {
    let answer: PublicRequestStatus;
    try {
      const res = await deps.fetch(requestStatusPath(r.id), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ secret: r.secret }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) continue;
      answer = (await res.json()) as PublicRequestStatus;
    } catch {
      break;
    }
    if (answer.status === 'new') continue;
    await change(r.id, (x) => ({ ...x, state: answer.status === 'accepted' ? 'accepted' : 'refused', decidedAt: answer.decidedAt ?? undefined, refuseReason: answer.refuseReason ?? undefined }));
  }
  await refreshMyRequests();
}

/** Send what waits, then ask what was answered. */
export async function followMyRequests(deps: QueueDeps = browserDeps): Promise<void> {
  await sendQueuedRequests(deps);
  await checkRequestAnswers(deps);
}

/** At app start, back online, and whenever the app is shown again: send and ask. */
export function startRequestQueue(deps: QueueDeps = browserDeps): void {
  addEventListener('online', () => void followMyRequests(deps));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void followMyRequests(deps);
  });
  void refreshMyRequests().then(() => (myRequests.value.some((r) => r.state === 'waiting' || r.state === 'delivered') ? followMyRequests(deps) : undefined));
}
