/**
 * Text made safe for XML content and attribute values: the five markup
 * characters become entities, and control characters that XML 1.0 does not
 * allow at all (a stray \u0001 pasted into a name) are dropped, since no
 * escape makes them legal and one would make the whole document unreadable.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the characters XML forbids is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
