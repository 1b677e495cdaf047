/**
 * A column mapping says how a source file (a CRM or ERP export) becomes a
 * canonical entity: which source column feeds which field, how source values
 * translate ("Closed Won" → closed_won), and how dates, decimals, currency,
 * delimiter and encoding are written. Mappings are YAML files.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DATE_FORMATS } from '../domain/civil-date';
import type { Diagnostic } from '../domain/domain-error';
import { ENTITY_NAMES, type EntityName } from '../model/entity-spec';

const fieldSource = z.union([
  z.string().min(1),
  z
    .object({
      column: z.string().min(1).optional(),
      value: z.union([z.string(), z.number(), z.boolean()]).optional(),
      values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
      default: z.union([z.string(), z.number(), z.boolean()]).optional(),
      date_format: z.enum(DATE_FORMATS).optional(),
    })
    .strict()
    .refine((v) => (v.column === undefined) !== (v.value === undefined), { message: 'give exactly one of `column` or `value`' }),
]);

const mappingSchema = z
  .object({
    name: z.string().min(1).optional(),
    entity: z.enum(ENTITY_NAMES),
    description: z.string().optional(),
    source: z
      .object({
        format: z.enum(['csv', 'jsonl']).default('csv'),
        delimiter: z.enum(['auto', ',', ';', '\t', '|']).default('auto'),
        encoding: z.enum(['utf-8', 'latin1']).default('utf-8'),
        date_format: z.enum(DATE_FORMATS).default('YYYY-MM-DD'),
        decimal_separator: z.enum(['.', ',']).default('.'),
        default_currency: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .optional(),
        ignore: z.array(z.string()).default([]),
        ignore_unmapped: z.boolean().default(false),
        collapse_identical_rows: z.boolean().default(false),
        skip_rows_where: z.record(z.string(), z.array(z.string())).default({}),
      })
      .strict()
      .prefault({}),
    columns: z.record(z.string(), fieldSource).default({}),
  })
  .strict();

export type ColumnMapping = z.infer<typeof mappingSchema>;
export type FieldSource = ColumnMapping['columns'][string];

/** Parses a mapping; every problem is returned at once, each with its path. */
export function parseColumnMapping(text: string, path: string): { mapping: ColumnMapping } | { diagnostics: Diagnostic[] } {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return { diagnostics: [{ path, message: `is not valid YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  const result = mappingSchema.safeParse(doc);
  if (!result.success) {
    return {
      diagnostics: result.error.issues.map((i) => ({ path: [path, ...i.path.map(String)].join('.'), message: i.message })),
    };
  }
  return { mapping: result.data };
}

/** The mapping used when none is given: the file's headers are the canonical field names. */
export function identityMapping(entity: EntityName): ColumnMapping {
  const parsed = mappingSchema.parse({ entity });
  return parsed;
}
