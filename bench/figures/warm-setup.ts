/**
 * Before the warm figures for N: warm the service's cache for `bench{N}` (both shapes), copy the
 * facts into B3, and check that B3 gives byte-for-byte the answer the warm service gives.
 */
import { ask, assertAnswer } from '../ask.js';
import type { BenchContext } from '../bench-context.js';
import { benchAccountIds, personaKey } from '../bench-personas.js';
import { captureFacts } from '../memory-reader.js';
import { SHAPES, workload } from '../workloads.js';

/** How long the capture may take; it reads only the warm cache. */
const CAPTURE_DEADLINE_MS = 60_000;

/** Warms and prepares B3 for `n`; throws when an answer is wrong or B3 differs from the service. */
export async function prepareWarm(context: BenchContext, n: number): Promise<void> {
  const persona = personaKey(n);
  context.sut.purge(persona);
  for (const shape of SHAPES) {
    const target = workload(n, shape);
    assertAnswer(await ask(context.sut.app, target), target);
  }

  const user = context.sut.userKey(persona);
  const { token, tokenSecret } = context.sandbox.persona(persona);
  const options = {
    user,
    token: { token, secret: tokenSecret },
    deadline: Date.now() + CAPTURE_DEADLINE_MS,
  };
  const facts = await captureFacts(context.sut.services.upstream, options, benchAccountIds(n));
  context.memory.facts.set(user, facts);

  for (const shape of SHAPES) await compareWithService(context, workload(n, shape));
}

async function compareWithService(
  context: BenchContext,
  target: ReturnType<typeof workload>,
): Promise<void> {
  const service = JSON.stringify(await ask(context.sut.app, target));
  const inMemory = JSON.stringify(await ask(context.memory.app, target));
  if (service === inMemory) return;
  const at = firstDifference(service, inMemory);
  throw new Error(
    `B3 answers ${target.label} differently from the warm service at character ${at}: ${service.slice(at - 60, at + 30)} vs ${inMemory.slice(at - 60, at + 30)}`,
  );
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return i;
}
