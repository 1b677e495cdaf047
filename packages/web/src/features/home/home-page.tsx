import type { Viewer } from '@cairn/core/contract';
import { EmptyState, QueryState } from '../../ui/states';
import { useMe } from '../auth/use-me';
import { PeriodGate } from '../scorecards/period-gate';
import { ScorecardView } from '../scorecards/scorecard-view';
import { useMyNode } from './use-my-node';

/** `/`: my scorecard — the rep's own, the manager's org unit, or the enterprise for everyone else. */
export function HomePage() {
  const me = useMe();
  if (!me.data) return null;
  return <MyScorecard viewer={me.data.viewer} />;
}

function MyScorecard({ viewer }: { viewer: Viewer }) {
  const myNode = useMyNode(viewer);
  return (
    <QueryState
      query={myNode}
      label="your scorecard"
      isEmpty={(node) => node === null}
      empty={
        <EmptyState title="No scorecard yet">
          There is no organisation loaded yet. Import the org units and reps on the Imports page.
        </EmptyState>
      }
    >
      {(node) =>
        node && <PeriodGate node={node}>{(period) => <ScorecardView node={node} period={period} heading="My scorecard" />}</PeriodGate>
      }
    </QueryState>
  );
}
