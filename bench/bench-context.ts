/**
 * What every figure is measured with: the settings, the sandbox, the service under test, the
 * baseline servers and the load generator. Built once by run.ts.
 */
import type { Sandbox } from '../src/sandbox/index.js';
import type { App, ServiceUnderTest } from './harness.js';
import type { LoadGenerator } from './load.js';
import type { PreparedFacts } from './memory-reader.js';
import type { BenchSettings } from './settings.js';

export interface BaselineServer {
  readonly app: App | { fetch(request: Request): Promise<Response> | Response };
  readonly origin: string;
}

export interface BenchContext {
  readonly settings: BenchSettings;
  readonly sandbox: Sandbox;
  readonly sut: ServiceUnderTest;
  /** B0: the hello-world yoga server. */
  readonly hello: BaselineServer;
  /** B3: the service's app over facts in memory; `facts` is what it answers from, per user. */
  readonly memory: BaselineServer & { readonly facts: Map<string, PreparedFacts> };
  readonly load: LoadGenerator;
  /** Progress lines (stderr), so the table on stdout stays clean. */
  progress(line: string): void;
}
