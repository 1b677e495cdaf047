/**
 * The closed vocabularies of the canonical sales model. Source systems map
 * their own spellings onto these in a column mapping; nothing else is stored.
 */
export const ORG_UNIT_KINDS = ['enterprise', 'division', 'region', 'team'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const REP_ROLES = ['AE', 'SDR', 'AM', 'SE', 'manager', 'overlay'] as const;
export type RepRole = (typeof REP_ROLES)[number];

export const SELLING_STYLES = ['hunter', 'farmer'] as const;
export type SellingStyle = (typeof SELLING_STYLES)[number];

export const OPPORTUNITY_TYPES = ['new_logo', 'expansion', 'renewal', 'cross_sell'] as const;
export type OpportunityType = (typeof OPPORTUNITY_TYPES)[number];

export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

export const ORDER_STATUSES = ['active', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const CREDIT_REASONS = ['owner', 'team', 'overlay', 'introduction'] as const;
export type CreditReason = (typeof CREDIT_REASONS)[number];

export const ACTIVITY_KINDS = ['call', 'meeting', 'email', 'crm_update', 'demo'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const INTRODUCTION_OUTCOMES = ['open', 'opportunity', 'won', 'lost', 'declined'] as const;
export type IntroductionOutcome = (typeof INTRODUCTION_OUTCOMES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CAMPAIGN_KINDS = ['cross_sell', 'upsell', 'retention', 'acquisition'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const CUSTOMER_SEGMENTS = ['enterprise', 'mid_market', 'smb'] as const;
export type CustomerSegment = (typeof CUSTOMER_SEGMENTS)[number];

export const QUOTA_MEASURES = [
  'bookings',
  'net_bookings',
  'gross_margin',
  'new_logo_bookings',
  'cross_sell_bookings',
  'recognised_revenue',
] as const;
export type QuotaMeasure = (typeof QUOTA_MEASURES)[number];

export const QUOTA_GRAINS = ['month', 'quarter', 'year'] as const;
export type QuotaGrain = (typeof QUOTA_GRAINS)[number];

export const SUBJECT_KINDS = ['rep', 'org_unit'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const INVOICE_STATUSES = ['issued', 'paid', 'void', 'credited'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
