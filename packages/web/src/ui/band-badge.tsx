import { Badge } from '@mantine/core';

export type Band = 'green' | 'amber' | 'red' | 'no_data';

const BANDS: Record<Band, { label: string; color: string }> = {
  green: { label: 'Green', color: 'green' },
  amber: { label: 'Amber', color: 'orange' },
  red: { label: 'Red', color: 'red' },
  no_data: { label: 'No data', color: 'gray' },
};

export function isBand(value: unknown): value is Band {
  return typeof value === 'string' && value in BANDS;
}

export function bandLabel(band: string | null | undefined): string {
  return isBand(band) ? BANDS[band].label : '—';
}

/** A band always says its name in words: colour is never the only carrier. */
export function BandBadge({ band }: { band: string | null | undefined }) {
  if (!isBand(band)) return <span>—</span>;
  const { label, color } = BANDS[band];
  return (
    <Badge color={color} variant="light" radius="sm" data-band={band} miw="max-content">
      {label}
    </Badge>
  );
}
