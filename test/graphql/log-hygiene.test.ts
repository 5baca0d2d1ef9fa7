import { describe, expect, it } from 'vitest';
import { startTestService } from '../support/test-service.js';

describe('log hygiene across the GraphQL suite', () => {
  it('O9: every service the suite starts fails its close when a secret reached its logs', async () => {
    const service = await startTestService();
    await service.graphql('{ me { id } }', { persona: 'demo' });
    const secret = service.sandbox.persona('demo').tokenSecret;
    service.services.logger.info({ detail: `oops ${secret}` }, 'a leak');
    await expect(service.close()).rejects.toThrow('1 log line(s) hold a secret');
  });

  it('O9: answering a capability matrix logs no secret', async () => {
    const service = await startTestService();
    const body = await service.graphql(
      '{ me { adAccounts { nodes { capabilities { status } } } } }',
      {
        persona: 'demo',
      },
    );
    expect(body.errors).toBeUndefined();
    expect(service.logs.length).toBeGreaterThan(0);
    await expect(service.close()).resolves.toBeUndefined();
  });
});
