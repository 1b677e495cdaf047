import { useSearchParams } from 'react-router';
import { useDefaultParam } from '../../ui/use-default-param';
import { defaultPeriod, usePeriodOptions } from './use-periods';

/**
 * The page's period, kept in the URL (`?period=FY2025-Q3`). When the URL has
 * none, the default period is looked up and written in.
 */
export function usePeriodParam(node: string | null) {
  const [params] = useSearchParams();
  const missing = params.get('period') === null;
  const options = usePeriodOptions(node, 'quarter', missing);
  const fallback = options.data ? defaultPeriod(options.data) : null;
  const period = useDefaultParam('period', fallback);
  return { period, resolving: period === null ? options : null, noData: period === null && options.isSuccess && fallback === null };
}
