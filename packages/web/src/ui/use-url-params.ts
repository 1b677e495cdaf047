import { useSearchParams } from 'react-router';

/**
 * A page's filters kept in the URL query, so a filtered list can be linked and
 * Back works. Setting any filter but the page itself returns to page one, and
 * typing replaces the history entry rather than adding one per key press.
 */
export function useUrlParams(): [URLSearchParams, (key: string, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        if (key !== 'page') p.delete('page');
        return p;
      },
      { replace: key !== 'page' },
    );
  return [params, set];
}
