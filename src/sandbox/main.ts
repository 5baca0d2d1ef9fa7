/**
 * `npm run sandbox`: runs the sandbox alone on SANDBOX_PORT (default 4010) and prints how to use
 * it. A bad SANDBOX_PORT or a failed start stops with one line on stderr and exit code 1.
 */
import { startSandbox } from './index.js';
import { sandboxBanner, sandboxPortFrom } from './standalone.js';

async function main(): Promise<void> {
  const port = sandboxPortFrom(process.env);
  const sandbox = await startSandbox({ port });
  process.stdout.write(sandboxBanner(sandbox));

  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Sandbox failed to start: ${message}\n`);
  process.exit(1);
});
