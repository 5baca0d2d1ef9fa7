/**
 * Injected faults. A fault matches a request by endpoint, account and token (each optional);
 * the first added fault that matches applies. With `times` it applies to that many matching
 * requests and is then removed.
 */
import type { Fault, SandboxEndpoint } from './types.js';

/** What a request is, for matching: the token is the one the header names, checked or not. */
export interface FaultTarget {
  readonly endpoint: SandboxEndpoint;
  readonly accountId: string | null;
  readonly token: string | null;
}

export interface FaultList {
  /** Adds a copy of the fault; returns its remover. Throws TypeError on a malformed fault. */
  add(fault: Fault): () => void;
  clear(): void;
  /** Returns the fault that applies to this request, spending one of its `times`. */
  take(target: FaultTarget): Fault | undefined;
}

interface Entry {
  readonly fault: Fault;
  remaining: number;
}

/** Returns an empty list. */
export function createFaultList(): FaultList {
  let entries: Entry[] = [];
  const remove = (entry: Entry) => {
    entries = entries.filter((e) => e !== entry);
  };

  return {
    add(fault) {
      checkFault(fault);
      const entry = { fault: { ...fault }, remaining: fault.times ?? Number.POSITIVE_INFINITY };
      entries.push(entry);
      return () => remove(entry);
    },
    clear() {
      entries = [];
    },
    take(target) {
      const entry = entries.find((e) => matches(e.fault, target));
      if (!entry) return undefined;
      entry.remaining--;
      if (entry.remaining <= 0) remove(entry);
      return entry.fault;
    },
  };
}

function matches(fault: Fault, target: FaultTarget): boolean {
  const endpoint = fault.endpoint ?? '*';
  return (
    (endpoint === '*' || endpoint === target.endpoint) &&
    (fault.accountId === undefined || fault.accountId === target.accountId) &&
    (fault.token === undefined || fault.token === target.token)
  );
}

function checkFault(fault: Fault): void {
  const { times, status, delayMs, slowBody } = fault;
  if (times !== undefined && !(Number.isInteger(times) && times > 0)) {
    throw new TypeError(`Fault times must be a positive whole number, got ${times}.`);
  }
  if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 599)) {
    throw new TypeError(`Fault status must be an HTTP status from 200 to 599, got ${status}.`);
  }
  if (delayMs !== undefined && !(delayMs >= 0)) {
    throw new TypeError(`Fault delayMs must be zero or more, got ${delayMs}.`);
  }
  if (slowBody !== undefined && !(slowBody.chunkDelayMs >= 0)) {
    throw new TypeError(
      `Fault slowBody.chunkDelayMs must be zero or more, got ${slowBody.chunkDelayMs}.`,
    );
  }
}
