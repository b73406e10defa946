// The public (no account) API that residents' phones call, defined once for the page and the
// server: a village's contacts from the registry, and 申请调解 requests sent from the offline
// queue. A request's `id` is made on the phone (uuidv7), so sending it twice creates one request.

import * as v from 'valibot';
import type { MessageKey } from './i18n/index.ts';
import { isCategoryCode } from './categories.ts';
import { isVillageCode } from './areas.ts';

export const contactsPath = (villageCode: string): string => `/api/public/areas/${villageCode}/contacts`;
export const REQUESTS_PATH = '/api/public/requests';
/** POST {secret}: how the committee answered, for the phone that sent the request (no account). */
export const requestStatusPath = (id: string): string => `/api/public/requests/${id}/status`;

const k = (key: MessageKey) => key;

/** 32 bytes as base64url (43 characters): what the phone makes with crypto.getRandomValues. */
export const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** Mainland mobile numbers: 11 digits starting 13–19. Landlines are not accepted: the committee calls back. */
export const MOBILE = /^1[3-9]\d{9}$/;

export const MediationRequestSchema = v.object({
  id: v.pipe(v.string(), v.uuid()),
  villageCode: v.pipe(v.string(k('help.form.village.required')), v.check(isVillageCode, k('help.form.village.required'))),
  applicantName: v.pipe(v.string(), v.trim(), v.minLength(1, k('help.form.name.required')), v.maxLength(50, k('help.form.tooLong'))),
  phone: v.pipe(v.string(), v.trim(), v.regex(MOBILE, k('help.form.phone.invalid'))),
  otherParty: v.pipe(v.string(), v.trim(), v.maxLength(50, k('help.form.tooLong'))),
  categoryCode: v.pipe(v.string(), v.check(isCategoryCode, k('help.form.category.required'))),
  facts: v.pipe(v.string(), v.trim(), v.minLength(1, k('help.form.facts.required')), v.maxLength(2000, k('help.form.tooLong'))),
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  /** The 评理说事点 the resident came through (its name, from the village's contacts); optional. */
  intakePoint: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(60, k('help.form.tooLong')))),
  /**
   * A random secret the sending phone keeps, so it alone can later ask how the request was
   * answered; the server stores only its SHA-256. Optional: phones from before it send none.
   */
  secret: v.optional(v.pipe(v.string(), v.regex(SECRET, k('help.form.secret.invalid')))),
});

export type MediationRequest = v.InferOutput<typeof MediationRequestSchema>;

/** What the resident fills in; the phone adds `id` and `createdAt` when it queues the request. */
export const MediationRequestFieldsSchema = v.omit(MediationRequestSchema, ['id', 'createdAt', 'secret']);

export const RequestStatusBodySchema = v.strictObject({ secret: v.pipe(v.string(), v.regex(SECRET)) });

/** What the sending phone may learn about its request: the decision, never anyone's data. */
export interface PublicRequestStatus {
  readonly id: string;
  readonly number: string;
  readonly status: 'new' | 'accepted' | 'refused';
  readonly decidedAt: string | null;
  readonly refuseReason: string | null;
}

/**
 * The short number a resident quotes on the phone ("申请号 482-913"): six digits taken from the
 * random tail of the request's uuidv7, so the phone knows it before the server answers and the
 * committee's list shows the same one. Not unique across a county, unique enough within a village.
 */
export function requestNumber(id: string): string {
  const tail = Number.parseInt(id.replace(/-/g, '').slice(-8), 16) % 1_000_000;
  const digits = String(tail).padStart(6, '0');
  return `${digits.slice(0, 3)}-${digits.slice(3)}`;
}

const Org = v.object({
  name: v.pipe(v.string(), v.minLength(1)),
  phone: v.optional(v.string()),
  address: v.optional(v.string()),
});

const Person = v.object({
  name: v.pipe(v.string(), v.minLength(1)),
  role: v.picklist(['mediator', 'legalAdvisor']),
  phone: v.optional(v.string()),
});

/** GET contactsPath(villageCode): the village's 调委会, its town's 司法所, and people residents may call. */
export const AreaContactsSchema = v.object({
  villageCode: v.pipe(v.string(), v.check(isVillageCode)),
  committee: v.nullable(Org),
  justiceOffice: v.nullable(Org),
  people: v.array(Person),
  /** The village's 评理说事点 (absent from servers before them): a request may name one. */
  intakePoints: v.optional(v.array(v.object({ name: v.pipe(v.string(), v.minLength(1)), address: v.optional(v.string()) }))),
});

export type AreaContacts = v.InferOutput<typeof AreaContactsSchema>;
export type ContactRole = AreaContacts['people'][number]['role'];
