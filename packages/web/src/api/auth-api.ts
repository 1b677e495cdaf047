import { authStatusSchema, type SignInBody } from '@cairn/core/contract';
import { z } from 'zod';
import { isApiError } from './api-error';
import { apiRequest, setCsrfToken } from './api-request';

/** The part of the auth status the app needs; the rest of the contract's fields are optional here. */
const signedInSchema = authStatusSchema.pick({ viewer: true, csrfToken: true }).extend({ displayName: z.string().optional() });
export type SignedIn = z.infer<typeof signedInSchema>;

/** Who is signed in, or null when nobody is (401). */
export async function fetchMe(): Promise<SignedIn | null> {
  try {
    const me = await apiRequest('/auth/me', signedInSchema);
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function signIn(body: SignInBody): Promise<SignedIn> {
  const me = await apiRequest('/auth/sign-in', signedInSchema, { method: 'POST', body });
  setCsrfToken(me.csrfToken);
  return me;
}

export async function signOut(): Promise<void> {
  await apiRequest('/auth/sign-out', z.unknown(), { method: 'POST', body: {} });
  setCsrfToken(null);
}
