/**
 * Identifiers are quoted always. Names Cairn itself defines must also match a
 * plain snake_case pattern; a name that does not is a bug, not user input.
 */
const SAFE = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a name Cairn defines, after checking it is plain snake_case. */
export function checkedIdentifier(name: string): string {
  if (!SAFE.test(name)) throw new Error(`identifier ${JSON.stringify(name)} is not a plain snake_case name`);
  return quoteIdentifier(name);
}
