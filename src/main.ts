/**
 * Start-up: read the configuration, start the embedded sandbox when there are no credentials,
 * build the services, listen, and shut down cleanly on SIGINT/SIGTERM (`http/shutdown.ts`: stop
 * accepting, let in-flight requests finish within SHUTDOWN_GRACE_MS, then close the store). A bad
 * configuration value stops start-up with one line naming it.
 */
import { createServer } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { createServices, pointAtSandbox, sandboxPersonas } from './services.js';
import { createApp } from './app.js';
import { startSandbox } from './sandbox/index.js';
import { createAuthRoutes } from './auth/routes.js';
import { createShutdown } from './http/shutdown.js';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });
  const sandbox = config.mode === 'sandbox' ? await startSandbox({ port: 0 }) : null;
  const effective = sandbox ? pointAtSandbox(config, sandbox) : config;
  const services = createServices(effective, {
    logger,
    ...(sandbox ? { personas: sandboxPersonas(sandbox) } : {}),
  });
  const app = createApp(services, {
    ...(effective.mode === 'single-user'
      ? {}
      : {
          auth: createAuthRoutes({
            config: effective,
            store: services.store,
            oauth: services.oauth,
            logger,
          }),
        }),
    upstreamReady: async () => (sandbox ? true : reachable(effective.adsApiUrl)),
  });

  const server = createServer(app);
  server.listen(effective.port, effective.host, () => {
    const graphiql = `${effective.publicUrl}/graphql`;
    process.stdout.write(`x-ads-access in ${effective.mode} mode: GraphiQL at ${graphiql}\n`);
  });
  const shutdown = createShutdown({
    server,
    graceMs: effective.shutdownGraceMs,
    closeServices: async () => {
      await services.close();
      await sandbox?.close();
    },
    logger,
  });
  const stop = () => {
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(
          { error: error instanceof Error ? error.name : typeof error },
          'shutdown failed',
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`x-ads-access: ${error.message}\n`);
    process.exit(1);
  }
}

/** Any HTTP answer from the Ads API host counts as reachable; only a network failure does not. */
async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

await main();
