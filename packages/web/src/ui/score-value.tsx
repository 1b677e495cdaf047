import { Text } from '@mantine/core';
import { formatScore, type NumberFormat } from './format';

/** A 0–10 score as a headline number, "8.91 / 10". */
export function ScoreValue({ score, fmt, size }: { score: number | null; fmt: NumberFormat; size: 'xl' | '2rem' }) {
  return (
    <Text size={size} fw={700} lh={1.1}>
      {formatScore(score, fmt)}
      <Text span size="sm" c="dimmed" fw={400}>
        {' '}
        / 10
      </Text>
    </Text>
  );
}
