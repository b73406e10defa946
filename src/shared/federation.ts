// The file a county server sends upward: one signed-off month of its statistics cells and its
// organisation figures — counts only, never a name or a case text (PIPL minimisation; DESIGN.md
// "Federation"). The signature covers the exact bytes of `signed` (a JSON text), so no canonical
// form is needed: the province verifies those bytes, then parses them.
import * as v from 'valibot';

export const federationFormat = 'shuohe.federation.v1';

/** One pre-aggregated statistics cell: dimension and sum columns by name, as stat_cells holds them. */
export type FederatedCell = Record<string, string | number | null>;

export interface FederationPayload {
  county: { code: string; name: string };
  province: { code: string; name: string };
  /** YYYY-MM */
  month: string;
  /** Grows by one with every sign-off of the month (a re-signing follows an audited unlock). */
  version: number;
  /** SHA-256 (hex) of the `signed` text of the version this one replaces; null for the first export. */
  previousHash: string | null;
  /** When the county signed the month off (ISO UTC). */
  signedAt: string;
  generatedAt: string;
  /** SHA-256 (hex) of the county's public key (SPKI DER), to say which key signed. */
  keyFingerprint: string;
  cells: FederatedCell[];
  /** Committees, mediators and the like, counted on the month's last day. */
  org: Record<string, number | Record<string, number>>;
  /** The county's 表号 for the form (server/stats/form-number.ts); absent when not set or from older servers. */
  formNo?: string;
}

export interface FederationFile {
  format: typeof federationFormat;
  signed: string;
  /** Ed25519 signature of the UTF-8 bytes of `signed`, base64. */
  signature: string;
}

const month = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
const hex64 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
const cellValue = v.union([v.string(), v.number(), v.null()]);
const orgValue = v.union([v.number(), v.record(v.string(), v.number())]);

export const FederationFileSchema = v.strictObject({
  format: v.literal(federationFormat),
  signed: v.pipe(v.string(), v.maxLength(3_000_000)),
  signature: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]+={0,2}$/), v.maxLength(200)),
});

export const FederationPayloadSchema = v.strictObject({
  county: v.strictObject({ code: v.pipe(v.string(), v.regex(/^\d{6}$/)), name: v.pipe(v.string(), v.maxLength(100)) }),
  province: v.strictObject({ code: v.pipe(v.string(), v.regex(/^\d{2}$/)), name: v.pipe(v.string(), v.maxLength(100)) }),
  month,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  previousHash: v.nullable(hex64),
  signedAt: v.string(),
  generatedAt: v.string(),
  keyFingerprint: hex64,
  cells: v.pipe(v.array(v.record(v.pipe(v.string(), v.regex(/^[a-z_]{1,40}$/)), cellValue)), v.maxLength(50_000)),
  org: v.record(v.string(), orgValue),
  formNo: v.optional(v.pipe(v.string(), v.maxLength(40))),
});

/** What the province lists for each county month it holds. */
export interface FederatedMonth {
  countyCode: string;
  countyName: string;
  month: string;
  version: number;
  hash: string;
  signedAt: string;
  importedAt: string;
  importedBy: string;
  /** Set when a later version of the same month replaced this one. */
  replacedAt: string | null;
  /** The county's 表号 as its file carried it; null when it carried none. */
  formNo: string | null;
}
