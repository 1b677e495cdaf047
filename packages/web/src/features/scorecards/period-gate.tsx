import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { usePeriodParam } from '../shell/use-period-param';

/** Renders its children with the URL's period, once there is one (looking up the default period first). */
export function PeriodGate({ node, children }: { node: string; children: (period: string) => ReactNode }) {
  const { period, resolving, noData } = usePeriodParam(node);
  if (period) return <>{children(period)}</>;
  if (resolving?.isError) return <ErrorState error={resolving.error} retry={() => void resolving.refetch()} />;
  if (noData) {
    return (
      <EmptyState title="No data yet">
        There are no KPI values for this node in any period. Import data on the Imports page and run <code>cairn compute</code>.
      </EmptyState>
    );
  }
  return <LoadingState label="the latest period with data" />;
}
