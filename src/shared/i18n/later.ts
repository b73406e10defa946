// The sections no first screen needs (forms, documents, guides, statistics, attachments, server answers), registered
// into the catalogue when this module loads: after first paint on the device, at start on the
// server. Importing it is idempotent.
import { registerMessages } from './index.ts';
import { server } from './server.ts';
import { documents } from './documents.ts';
import { guides } from './guides.ts';
import { network } from './network.ts';
import { uiForms } from './ui-forms.ts';
import { attachments } from './attachments.ts';
import { review } from './review.ts';
import { uiScreens } from './ui-screens.ts';
import { requests } from './requests.ts';
import { accounts } from './accounts.ts';
import { desk } from './desk.ts';
import { fields } from './fields.ts';
import { security } from './security.ts';
import { ops } from './ops.ts';
import { county } from './county.ts';
import { federation } from './federation.ts';
import { dossier } from './dossier.ts';
import { publicSide } from './public.ts';
import { idCard } from './id-card.ts';
import { committees } from './committees.ts';
import { court } from './court.ts';
import { screening } from './screening.ts';
import { subsidy } from './subsidy.ts';
import { referral } from './referral.ts';

registerMessages({ ...server, ...documents, ...guides, ...network, ...uiForms, ...attachments, ...review, ...uiScreens, ...requests });
registerMessages(accounts);
registerMessages(security);
registerMessages(ops);
registerMessages(county);
registerMessages(federation);
registerMessages(dossier);
registerMessages(fields);
registerMessages(desk);
registerMessages(publicSide);
registerMessages(idCard);
registerMessages(committees);
registerMessages(court);
registerMessages(screening);
registerMessages(subsidy);
registerMessages(referral);
