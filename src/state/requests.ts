// Residents' 申请调解 requests as the committee sees them: fetched live (an online feature; nothing
// here is kept on the device, since the resident's personal data belongs on the server until a
// mediator accepts the request into a case). Accepting hands the request to the 受理 form's draft.

import { signal } from '@preact/signals';
import { createApiClient, ApiError } from '../sync/http.ts';
import { session } from './session.ts';
import { acceptPath, refusePath, REQUESTS_LIST_PATH, type ReceivedRequest, type RequestList } from '../shared/requests-api.ts';

/** The last count of new requests seen, for the case list's card. */
export const newRequestCount = signal<number | undefined>(undefined);

const token = () => session.value?.token;
const api = () => createApiClient(fetch.bind(globalThis), '', token);

async function getJson<T>(path: string): Promise<T> {
  let response: Response;
  try {
    const bearer = token();
    response = await fetch(path, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  } catch {
    throw new ApiError(0, 'network', '网络不通');
  }
  const payload = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!response.ok) throw new ApiError(response.status, payload?.error?.code ?? 'http', payload?.error?.message ?? `服务器返回 ${response.status}`);
  return payload as T;
}

export async function fetchNewRequests(): Promise<ReceivedRequest[]> {
  const { requests } = await getJson<RequestList>(`${REQUESTS_LIST_PATH}?status=new`);
  newRequestCount.value = requests.length;
  return requests;
}

export async function acceptRequest(id: string): Promise<ReceivedRequest> {
  const { request } = await api().post<{ request: ReceivedRequest }>(acceptPath(id), {});
  return request;
}

export async function refuseRequest(id: string, reason: string): Promise<ReceivedRequest> {
  const { request } = await api().post<{ request: ReceivedRequest }>(refusePath(id), { reason });
  return request;
}
