/** HTTP contract of sign-in, sessions, API tokens and user administration, shared by the server and the web app. */
import { z } from 'zod';
import { USER_ROLES, viewerSchema } from './viewer';

/** The header that carries the CSRF token on every state-changing request authenticated by the session cookie. */
export const CSRF_HEADER = 'x-csrf-token';
export const MIN_PASSWORD_LENGTH = 12;
/** Longer input is refused before hashing, so a huge "password" cannot tie up the server. */
export const MAX_PASSWORD_LENGTH = 1024;

export const signInBodySchema = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

/** Who is signed in, and what the web app needs to send state-changing requests. */
export const authStatusSchema = z.object({
  viewer: viewerSchema,
  displayName: z.string(),
  /** Send it as the x-csrf-token header on POST, PUT, PATCH and DELETE; null when authenticated by API token. */
  csrfToken: z.string().nullable(),
  /** When the session ends at the latest (ISO 8601); null for an API token. */
  expiresAt: z.string().nullable(),
  /** Minutes of inactivity after which the session ends; null for an API token. */
  idleTimeoutMinutes: z.number().nullable(),
});

export const apiTokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  /** The token's first characters, to recognise it; never the secret. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const createApiTokenBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** Admins may create a token for another user; everyone else for themselves only. */
  userId: z.string().min(1).optional(),
});

/** The created token, with its secret: shown this once and never again. */
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });

export const tokenListQuerySchema = z.object({ user_id: z.string().min(1).optional() });

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  orgUnitId: z.string().nullable(),
  repId: z.string().nullable(),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});

export const createUserBodySchema = z.object({
  email: z.string().min(1).max(320),
  displayName: z.string().trim().min(1).max(200).optional(),
  role: z.enum(USER_ROLES),
  orgUnitId: z.string().min(1).optional(),
  repId: z.string().min(1).optional(),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

export const userPageSchema = z.object({
  items: z.array(userSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export type SignInBody = z.infer<typeof signInBodySchema>;
export type AuthStatus = z.infer<typeof authStatusSchema>;
export type ApiTokenSummary = z.infer<typeof apiTokenSchema>;
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
export type UserSummary = z.infer<typeof userSchema>;
export type NewUser = z.infer<typeof createUserBodySchema>;
export type UserPage = z.infer<typeof userPageSchema>;
