/** The executable schema: every type file registers itself with the builder on import. */
import './date-time.js';
import './capability.js';
import './account-access.js';
import './promotable-user.js';
import './ad-account.js';
import './current-user.js';
import './refresh-access.js';
import { builder } from './builder.js';

builder.queryType({ description: 'What the signed-in X user may do on their ad accounts.' });

/** Built once at import; sorted so its printed form is stable. */
export const schema = builder.toSchema({ sortSchema: true });
