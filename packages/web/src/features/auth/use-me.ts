import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../../api/auth-api';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in viewer (null when signed out). Any 401 elsewhere sets it to null, which sends the app to sign-in. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY, retry: false });
}
