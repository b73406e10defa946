// Received 申请调解 requests as the signed-in side of the API shows them: GET /api/requests lists
// the requests of the caller's area, accept/refuse decide one. The public POST is public-api.ts.
import * as v from 'valibot';

export const requestStatuses = ['new', 'accepted', 'refused'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const REQUESTS_LIST_PATH = '/api/requests';
export const acceptPath = (id: string): string => `/api/requests/${id}/accept`;
export const refusePath = (id: string): string => `/api/requests/${id}/refuse`;

export const RefuseBodySchema = v.strictObject({
  reason: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
});

export interface ReceivedRequest {
  id: string;
  villageCode: string;
  villageName: string;
  applicantName: string;
  phone: string;
  otherParty: string;
  categoryCode: string;
  facts: string;
  /** The 评理说事点 the resident came through, when they named one. */
  intakePoint?: string;
  /** When the resident filled it in (the phone's clock). */
  createdAt: string;
  receivedAt: string;
  status: RequestStatus;
  refuseReason: string | null;
  decidedAt: string | null;
  /** The short number the resident was shown (public-api.ts requestNumber), to find it on a call. */
  number: string;
}

/** One page (`?page=&pageSize=`, newest first, ≤ 200 a page); `total` counts every match. */
export interface RequestList {
  requests: ReceivedRequest[];
  total: number;
  page: number;
  pageSize: number;
}
