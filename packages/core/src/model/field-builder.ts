/** Terse constructors for field specs. */
import type { EntityName, FieldKind, FieldSpec, Reference } from './entity-spec';

interface Opts {
  required?: boolean;
  min?: number;
  max?: number;
  scale?: number;
  maxLength?: number;
  ref?: EntityName | Reference[];
  column?: string;
}

const TEXT_LIMIT = 1000;
const ID_LIMIT = 200;

function make(name: string, kind: FieldKind, o: Opts, extra: Partial<FieldSpec> = {}): FieldSpec {
  const spec: FieldSpec = {
    name,
    kind,
    column: o.column ?? (kind === 'money' ? `${name}_minor` : name),
    required: o.required ?? false,
    maxLength: o.maxLength ?? (kind === 'id' ? ID_LIMIT : TEXT_LIMIT),
    ...extra,
  };
  if (o.min !== undefined) spec.min = o.min;
  if (o.max !== undefined) spec.max = o.max;
  if (o.scale !== undefined) spec.scale = o.scale;
  if (o.ref !== undefined) spec.references = typeof o.ref === 'string' ? [{ entity: o.ref }] : o.ref;
  return spec;
}

export const f = {
  id: (name: string, o: Opts = {}) => make(name, 'id', o),
  text: (name: string, o: Opts = {}) => make(name, 'text', o),
  email: (name: string, o: Opts = {}) => make(name, 'email', o),
  enumOf: (name: string, values: readonly string[], o: Opts = {}) => make(name, 'enum', o, { values }),
  money: (name: string, o: Opts = {}) => make(name, 'money', o),
  date: (name: string, o: Opts = {}) => make(name, 'date', o),
  timestamp: (name: string, o: Opts = {}) => make(name, 'timestamp', o),
  integer: (name: string, o: Opts = {}) => make(name, 'integer', o),
  decimal: (name: string, o: Opts = {}) => make(name, 'decimal', o),
  boolean: (name: string, o: Opts = {}) => make(name, 'boolean', o),
  currency: (name = 'currency', o: Opts = {}) => make(name, 'currency', o),
};
