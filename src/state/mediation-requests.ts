// Residents' 申请调解 requests, kept in an idb-keyval queue until the server has them. The
// request's id is made here (uuidv7), so a resend after a lost answer is the same request to the
// server. What must stay true: an entry leaves the queue only after a 2xx for its id, and the
// personal data in it (name, phone, facts) is stored nowhere else on the phone.

import { signal } from '@preact/signals';
import { get, update } from 'idb-keyval';
import { uuidv7 } from 'uuidv7';
import { REQUESTS_PATH, type MediationRequest } from '../shared/public-api.ts';

export type RequestFields = Omit<MediationRequest, 'id' | 'createdAt'>;
export type SubmitOutcome = 'sent' | 'queued';

interface Queued {
  readonly request: MediationRequest;
  readonly attempts: number;
  /** HTTP status of the last refusal, kept so a stuck request can be explained. */
  readonly lastStatus?: number;
}

export interface QueueDeps {
  readonly fetch: typeof fetch;
  readonly now: () => Date;
  readonly isOnline: () => boolean;
}

const KEY = 'mediation-requests';
const TIMEOUT_MS = 15_000;

const browserDeps: QueueDeps = {
  fetch: (...args) => fetch(...args),
  now: () => new Date(),
  isOnline: () => typeof navigator === 'undefined' || navigator.onLine,
};

/** Requests on this phone not yet accepted by the server. */
export const queuedRequestCount = signal(0);

/** Resolves once the request is stored; only then may the screen say it was saved. */
export async function submitMediationRequest(fields: RequestFields, deps: QueueDeps = browserDeps): Promise<SubmitOutcome> {
  const request: MediationRequest = { ...fields, id: uuidv7(), createdAt: deps.now().toISOString() };
  await update<Queued[]>(KEY, (list) => [...(list ?? []), { request, attempts: 0 }]);
  await refreshCount();
  const sent = await sendQueuedRequests(deps);
  return sent.has(request.id) ? 'sent' : 'queued';
}

let running: Promise<Set<string>> | undefined;

/**
 * POSTs every queued request, oldest first; returns the ids the server accepted. One drain at a
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
  for (const { request } of (await get<Queued[]>(KEY)) ?? []) {
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
    await update<Queued[]>(KEY, (list) =>
      (list ?? []).flatMap((q) => {
        if (q.request.id !== request.id) return [q];
        return isAccepted ? [] : [{ ...q, attempts: q.attempts + 1, lastStatus: status }];
      }),
    );
    if (isAccepted) sent.add(request.id);
  }
  await refreshCount();
  return sent;
}

async function refreshCount(): Promise<void> {
  queuedRequestCount.value = ((await get<Queued[]>(KEY)) ?? []).length;
}

/** At app start and whenever the phone comes back online, send what is waiting. */
export function startRequestQueue(deps: QueueDeps = browserDeps): void {
  addEventListener('online', () => void sendQueuedRequests(deps));
  void refreshCount().then(() => (queuedRequestCount.value > 0 ? sendQueuedRequests(deps) : undefined));
}
