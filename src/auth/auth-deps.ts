/**
 * What the sign-in routes need from the rest of the service.
 */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { OAuthClient } from '../upstream/oauth.js';

export interface AuthDeps {
  readonly config: Pick<Config, 'publicUrl' | 'corsOrigins'>;
  readonly store: Store;
  readonly oauth: OAuthClient;
  readonly logger: Logger;
  /** Clock in epoch milliseconds; defaults to `Date.now`. Use the store's clock. */
  readonly now?: () => number;
}

/** How long a started sign-in may take before its request token is refused. */
export const SIGN_IN_WINDOW_MS = 10 * 60 * 1000;
