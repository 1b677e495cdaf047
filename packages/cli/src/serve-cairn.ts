/** Opens Cairn, serves HTTP until SIGINT/SIGTERM, then closes the store cleanly. */
import type { Cairn, CairnConfig } from '@cairn/server';
import { openCairn } from '@cairn/server';
import type { buildApp, createAppContext } from '@cairn/server';

export async function openAndServe(
  config: CairnConfig,
  deps: { buildApp: typeof buildApp; createAppContext: typeof createAppContext },
  before?: (cairn: Cairn) => Promise<void>,
): Promise<void> {
  const cairn = await openCairn(config);
  if (before) await before(cairn);
  const app = await deps.buildApp(deps.createAppContext(cairn, config.actor), {
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
  });
  const stop = async () => {
    await app.close();
    await cairn.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(
    `\nCairn is running at http://localhost:${config.port} on ${cairn.store.description}\n  health: http://localhost:${config.port}/api/health\n`,
  );
}
