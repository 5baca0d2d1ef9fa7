/**
 * Resolves who a GraphQL request speaks for, by mode (see the README's "Modes"):
 * - sandbox: a signed-in session if the request has one, else the persona named by the
 *   `x-sandbox-persona` header, else the default persona;
 * - single-user: always the owner of the static token;
 * - multi-user: the session, or nobody.
 */
import type { UserId, UserToken } from '../upstream/types.js';
import type { NoViewer, Viewer } from './viewer.js';

/** The request header that picks a sandbox persona. It exists only in sandbox mode. */
export const SANDBOX_PERSONA_HEADER = 'x-sandbox-persona';

export type Identify = (request: Request) => Promise<Viewer | NoViewer>;
export type SessionLookup = (request: Request) => Promise<Viewer | NoViewer>;

export interface PersonaIdentity {
  readonly key: string;
  readonly userId: string;
  readonly screenName: string;
  readonly token: string;
  readonly tokenSecret: string;
}

export function sandboxIdentity(options: {
  personas: readonly PersonaIdentity[];
  defaultPersona: string;
  sessions: SessionLookup;
}): Identify {
  const byKey = new Map(options.personas.map((persona) => [persona.key, persona]));
  return async (request) => {
    const session = await options.sessions(request);
    if (session.kind !== 'anonymous') return session;
    const key = request.headers.get(SANDBOX_PERSONA_HEADER)?.trim() || options.defaultPersona;
    const persona = byKey.get(key);
    if (!persona) {
      const known = [...byKey.keys()].join(', ');
      return {
        kind: 'invalid',
        message: `Unknown sandbox persona "${key.slice(0, 40)}" in ${SANDBOX_PERSONA_HEADER}; known: ${known}.`,
      };
    }
    return personaViewer(persona);
  };
}

/** The viewer a sandbox persona stands for. */
export function personaViewer(persona: PersonaIdentity): Viewer {
  return {
    kind: 'viewer',
    source: 'sandbox-persona',
    userId: persona.userId as UserId,
    screenName: persona.screenName,
    token: { token: persona.token, secret: persona.tokenSecret },
    sessionId: null,
  };
}

export function staticTokenIdentity(token: UserToken): Identify {
  const viewer: Viewer = {
    kind: 'viewer',
    source: 'static-token',
    userId: null,
    screenName: null,
    token,
    sessionId: null,
  };
  return async () => viewer;
}

export function sessionIdentity(sessions: SessionLookup): Identify {
  return sessions;
}
