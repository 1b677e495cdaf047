/** Opens Cairn, serves HTTP (the API and the built web app) until SIGINT/SIGTERM, then closes the store cleanly. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cairn, CairnConfig } from '@cairn/server';
import { openCairn } from '@cairn/server';
import type { buildApp, createAppContext } from '@cairn/server';

/** The built web app (`npm run build:web`); served at / when present. */
const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function openAndServe(
  config: CairnConfig,
  deps: { buildApp: typeof buildApp; createAppContext: typeof createAppContext },
  before?: (cairn: Cairn) => Promise<void>,
): Promise<void> {
  const cairn = await openCairn(config);
  if (before) await before(cairn);
  const ctx = deps.createAppContext(cairn, config.actor);
  const app = await deps.buildApp(ctx, {
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    webRoot: WEB_ROOT,
  });
  const stop = async () => {
    await app.close();
    await cairn.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  // In the background: the first scorecard request then finds the company-wide caches filled (or filling).
  ctx.warm?.().catch((e: unknown) => app.log.warn({ err: e }, 'warming the read caches failed; the first requests fill them'));
  process.stdout.write(
    `\nCairn is running at http://localhost:${config.port} on ${cairn.store.description}\n` +
      `${existsSync(resolve(WEB_ROOT, 'index.html')) ? '' : '  (the web app is not built: run `npm run build:web`, or start with `npm start`)\n'}` +
      `  API docs: http://localhost:${config.port}/api/docs   health: http://localhost:${config.port}/api/health\n`,
  );
}
