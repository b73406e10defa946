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


export async function fetchNewRequests(): Promise<ReceivedRequest[]> {
  const { requests, total } = await api().get<RequestList>(`${REQUESTS_LIST_PATH}?status=new`);
  newRequestCount.value = total;
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
