import { Button, Group, Text } from '@mantine/core';

/** Previous / next over a server-paged list; `total` null when the server does not count. */
export function Pager(props: {
  label: string;
  page: number;
  pageSize: number;
  total: number | null;
  shown: number;
  onPage: (page: number) => void;
}) {
  const { page, pageSize, total } = props;
  const pages = total === null ? null : Math.max(1, Math.ceil(total / pageSize));
  const hasNext = pages === null ? props.shown === pageSize : page < pages;
  return (
    <Group gap="sm" mt="xs" role="navigation" aria-label={`${props.label} pages`}>
      <Button size="xs" variant="default" disabled={page <= 1} onClick={() => props.onPage(page - 1)}>
        Previous page
      </Button>
      <Text size="sm" aria-live="polite">
        Page {page}
        {pages !== null ? ` of ${pages}` : ''}
        {total !== null ? ` · ${total} row${total === 1 ? '' : 's'}` : ''}
      </Text>
      <Button size="xs" variant="default" disabled={!hasNext} onClick={() => props.onPage(page + 1)}>
        Next page
      </Button>
    </Group>
  );
}
