/**
 * Who is asking. Every request that reaches a service carries a Viewer, and
 * scope is decided from it in one place (the server's access layer): a
 * manager sees their org subtree, a rep their own detail plus the aggregates
 * their role is configured to see, and executives, sales ops, finance and
 * auditors see by role.
 */
import { z } from 'zod';

export const USER_ROLES = ['admin', 'sales_ops', 'executive', 'manager', 'rep', 'finance', 'auditor'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface Viewer {
  userId: string;
  email: string;
  role: UserRole;
  /** A manager's org unit (team, region, division or enterprise): the root of what they see. */
  orgUnitId: string | null;
  /** A rep's own rep id. */
  repId: string | null;
  /** How the request was authenticated. */
  via: 'session' | 'token';
}

export const viewerSchema = z.object({
  userId: z.string(),
  email: z.string(),
  role: z.enum(USER_ROLES),
  orgUnitId: z.string().nullable(),
  repId: z.string().nullable(),
  via: z.enum(['session', 'token']),
});
