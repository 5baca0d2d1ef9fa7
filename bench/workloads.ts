/**
 * The workloads: N accounts of the persona `bench{N}`, asked in one of two query shapes, each
 * selecting access and every capability. A workload knows its request body and headers, the
 * same for in-process `app.fetch` and for autocannon.
 */
import { SANDBOX_PERSONA_HEADER } from '../src/auth/identity.js';
import { benchAccountIds, personaKey } from './bench-personas.js';

/** "ids given": `adAccounts(ids:)`; "list mine": `me { adAccounts(first: 1000) }`. */
export type Shape = 'ids' | 'list';
export const SHAPES: readonly Shape[] = ['ids', 'list'];

export interface Workload {
  readonly n: number;
  readonly shape: Shape;
  /** e.g. "N=10 ids given". */
  readonly label: string;
  readonly persona: string;
  /** The JSON body of the POST /graphql request. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

const CAPABILITY_FIELDS = 'feature status reason blockedBy grantedBy retryAfter checkedAt';

/** The selection on each account; `extra` adds capability fields (F5 asks for `stale`). */
function accountSelection(extra: string): string {
  return `id name access { role permissions tweetComposer } capabilities { ${CAPABILITY_FIELDS} ${extra} }`;
}

function queryText(shape: Shape, extra: string): string {
  const selection = accountSelection(extra);
  return shape === 'ids'
    ? `query BenchIds($ids: [ID!]!) { adAccounts(ids: $ids) { ${selection} } }`
    : `query BenchList { me { adAccounts(first: 1000) { nodes { ${selection} } } } }`;
}

/** Returns the workload of `n` accounts in `shape`; `extraCapabilityFields` is for F5. */
export function workload(n: number, shape: Shape, extraCapabilityFields = ''): Workload {
  const query = queryText(shape, extraCapabilityFields);
  const variables = shape === 'ids' ? { ids: benchAccountIds(n) } : {};
  return {
    n,
    shape,
    label: `N=${n} ${shape === 'ids' ? 'ids given' : 'list mine'}`,
    persona: personaKey(n),
    body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', [SANDBOX_PERSONA_HEADER]: personaKey(n) },
  };
}

/** Every workload for `sizes`, both shapes, smallest first. */
export function workloads(sizes: readonly number[]): Workload[] {
  return sizes.flatMap((n) => SHAPES.map((shape) => workload(n, shape)));
}

/** A Request for `app.fetch`; a fresh one each time (bodies are single-use). */
export function graphqlRequest(target: Workload, origin = 'http://localhost'): Request {
  return new Request(`${origin}/graphql`, {
    method: 'POST',
    headers: target.headers,
    body: target.body,
  });
}
