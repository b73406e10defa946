// Answers of the area routes (server/api/areas.ts, server/divisions/routes.ts), shared by the
// server and the device's area store (state/places.ts).
import type { Area } from './areas.ts';

/** One area of the server's tree, with the name of its committee when it has one. */
export interface AreaRow extends Area {
  committee: string | null;
  /** The day the code stopped being used (re-coded or retired); null while it is valid. */
  validTo: string | null;
}

/** A county set up on this server, with the 省 and 市 it lies in (for the 省 → 市 → 县 picker). */
export interface CountyChoice {
  code: string;
  name: string;
  province: { code: string; name: string };
  city: { code: string; name: string };
}

/** One row of the national list (GET /api/divisions); counties say whether they are set up. */
export interface DivisionRow extends Area {
  setUp?: boolean;
}

/** What setting up a county did (POST /api/divisions/counties, npm run account -- add-county). */
export interface CountySetUp {
  county: string;
  name: string;
  towns: number;
  villages: number;
  /** Areas this call created (0 when the county was set up already). */
  added: number;
}
