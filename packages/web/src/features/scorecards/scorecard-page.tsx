import { useParams } from 'react-router';
import { parseNodeParam } from '../../ui/node-ref';
import { EmptyState } from '../../ui/states';
import { PeriodGate } from './period-gate';
import { ScorecardView } from './scorecard-view';

/** `/scorecards/:node?period=`: any node's scorecard the viewer may see. */
export function ScorecardPage() {
  const node = useParams().node ?? '';
  if (!parseNodeParam(node)) {
    return <EmptyState title="Unknown node">Scorecard addresses name a node as kind:id, for example team:T1 or rep:R00023.</EmptyState>;
  }
  return <PeriodGate node={node}>{(period) => <ScorecardView key={`${node}|${period}`} node={node} period={period} />}</PeriodGate>;
}
