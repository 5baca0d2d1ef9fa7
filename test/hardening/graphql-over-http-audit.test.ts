import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/test-service.js';

let service: TestService;
let server: Server;
let url: string;
beforeAll(async () => {
  // Two MUST audits query __type, so this run enables introspection; production refusing it is
  // covered by the G1 tests.
  service = await startTestService({ env: { GRAPHQL_INTROSPECTION: 'true' } });
  server = createServer(service.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await service.close();
});

describe('GraphQL over HTTP conformance (graphql-http audits, served on loopback)', () => {
  it('passes every MUST audit', async () => {
    const audits = serverAudits({ url });
    const must = audits.filter((audit) => audit.name.startsWith('MUST'));
    expect(must.length).toBeGreaterThan(10);

    const results = [];
    for (const audit of must) results.push(await audit.fn());
    const failed = results
      .filter((result) => result.status !== 'ok')
      .map((result) => `${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failed).toEqual([]);
  });

  it('refuses mutations over GET with a 4xx status (audit 9C48)', async () => {
    const audit = serverAudits({ url }).find((candidate) => candidate.id === '9C48');
    expect(await audit?.fn()).toMatchObject({ status: 'ok' });
  });
});
