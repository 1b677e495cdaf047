/**
 * A mapping is named by a YAML path, or by the name of a mapping Cairn ships
 * under mappings/ (for example `maven-crm/opportunity`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '@cairn/core/domain';

export const SHIPPED_MAPPINGS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../mappings');

export function resolveMapping(ref: string, opts: { allowPaths: boolean }): { name: string; text: string } {
  const shipped = [join(SHIPPED_MAPPINGS_DIR, ref), join(SHIPPED_MAPPINGS_DIR, `${ref}.yaml`)].filter((p) =>
    resolve(p).startsWith(SHIPPED_MAPPINGS_DIR),
  );
  const candidates = opts.allowPaths ? [ref, ...shipped] : shipped;
  const path = candidates.find((p) => p.endsWith('.yaml') && existsSync(p) && statSync(p).isFile());
  if (!path) {
    throw new DomainError('invalid_input', `mapping ${ref} not found; shipped mappings: ${listShippedMappings().join(', ')}`);
  }
  const fromShipped = resolve(path).startsWith(SHIPPED_MAPPINGS_DIR);
  return {
    name: fromShipped ? relative(SHIPPED_MAPPINGS_DIR, path).replace(/\.yaml$/, '') : basename(path),
    text: readFileSync(path, 'utf8'),
  };
}

export function listShippedMappings(): string[] {
  if (!existsSync(SHIPPED_MAPPINGS_DIR)) return [];
  return readdirSync(SHIPPED_MAPPINGS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(SHIPPED_MAPPINGS_DIR, d.name))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => `${d.name}/${f.replace(/\.yaml$/, '')}`),
    )
    .sort();
}

/** Each shipped mapping with the entity it imports and its opening comment, for a picker. */
export function describeShippedMappings(): { name: string; entity: string; description: string }[] {
  return listShippedMappings().map((name) => {
    const text = readFileSync(join(SHIPPED_MAPPINGS_DIR, `${name}.yaml`), 'utf8');
    const entity = /^entity:\s*(\S+)/m.exec(text)?.[1] ?? '';
    const description = text
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => l.replace(/^#\s?/, ''))
      .join(' ')
      .trim();
    return { name, entity, description };
  });
}
