import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { defaultPeriod, usePeriodOptions } from './use-periods';

/**
 * The page's period, kept in the URL (`?period=FY2025-Q3`). When the URL has
 * none, the default period is looked up and written in (replacing the history
 * entry, so Back does not bounce).
 */
export function usePeriodParam(node: string | null) {
  const [params, setParams] = useSearchParams();
  const period = params.get('period');
  const options = usePeriodOptions(node, 'quarter', period === null);
  const fallback = options.data ? defaultPeriod(options.data) : null;
  useEffect(() => {
    if (period === null && fallback !== null) {
      setParams(
        (p) => {
          p.set('period', fallback);
          return p;
        },
        { replace: true },
      );
    }
  }, [period, fallback, setParams]);
  return { period, resolving: period === null ? options : null, noData: period === null && options.isSuccess && fallback === null };
}
