import { useEffect } from 'react';
import { useNavigation, useSearchParams } from 'react-router';

/**
 * Writes `value` into the URL query as `key` when the URL has none, replacing
 * the history entry so Back does not bounce. Never while another navigation is
 * under way: the user may just have clicked to a lazily loaded page, and this
 * write would cancel that navigation and keep them here.
 */
export function useDefaultParam(key: string, value: string | null): string | null {
  const [params, setParams] = useSearchParams();
  const current = params.get(key);
  const navigating = useNavigation().state !== 'idle';
  useEffect(() => {
    if (current === null && value !== null && !navigating) {
      setParams(
        (p) => {
          p.set(key, value);
          return p;
        },
        { replace: true },
      );
    }
  }, [key, current, value, navigating, setParams]);
  return current;
}
