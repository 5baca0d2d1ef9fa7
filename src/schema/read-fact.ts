/** Awaits an upstream read for a resolver, reporting a failure (e.g. a revoked token) once. */
import type { Session } from '../context.js';

export async function readFact<T>(session: Session, load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    session.capabilityEnv.onUpstreamError(error);
    throw error;
  }
}
