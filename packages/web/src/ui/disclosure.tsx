import type { ReactNode } from 'react';

/**
 * A native <details> disclosure: opens by click, Enter or Space with no
 * script, and keeps the floating-layer library out of the first page's bundle.
 */
export function Disclosure({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  return (
    <details className="disclosure">
      <summary>{summary}</summary>
      <div className="disclosure-body">{children}</div>
    </details>
  );
}
