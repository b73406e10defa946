// The sections the public side's screens speak (the residents' home, 法律指南, 申请调解, 找调解员),
// registered when the public entry's first screen loads (src/public-app.tsx) instead of the whole
// later catalogue (later.ts, ~125 KB of script): a resident opening a guide link on a cheap phone
// downloads and evaluates only these. test/unit/first-paint-messages.test.ts checks that every key
// the public side names is in the core catalogue or here. Importing it is idempotent, and so is
// importing later.ts after it.
import { registerMessages } from './index.ts';
import { publicSide } from './public.ts';
import { guides } from './guides.ts';
import { server } from './server.ts';
import { uiScreens } from './ui-screens.ts';
import { county } from './county.ts';
import { screening } from './screening.ts';
import { uiForms } from './ui-forms.ts';
import { dossier } from './dossier.ts';

export const publicSections = [publicSide, guides, server, uiScreens, county, screening, uiForms, dossier] as const;

for (const section of publicSections) registerMessages(section);
