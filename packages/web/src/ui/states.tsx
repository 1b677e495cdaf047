/** The three states every page has besides its content: loading, empty and error. */
import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, ContractError } from '../api/api-error';

export function LoadingState({ label }: { label: string }) {
  return (
    <Group role="status" aria-live="polite" gap="sm" py="md">
      <Loader size="sm" aria-hidden />
      <Text c="dimmed">Loading {label}…</Text>
    </Group>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={3} size="h4">
        {title}
      </Title>
      {children && (
        <Text c="dimmed" mt="xs" component="div">
          {children}
        </Text>
      )}
    </Paper>
  );
}

/** Refused by scope: says what was refused (the API's detail) and where to go instead. */
export function NotAllowed({ detail }: { detail?: string }) {
  return (
    <Stack gap="sm" py="md">
      <Title order={1}>Not allowed</Title>
      <Text>{detail || 'Your role or your place in the organisation does not give you access to this page.'}</Text>
      <Text>
        If you need it, ask your sales-operations administrator. Meanwhile, you can go to{' '}
        <Anchor component={Link} to="/">
          my scorecard
        </Anchor>
        .
      </Text>
    </Stack>
  );
}

/** What went wrong, and what to do next. A 403 becomes the "Not allowed" page in place. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  if (error instanceof ApiError && error.status === 403) return <NotAllowed detail={error.problem.detail} />;
  const { title, detail, next } = describe(error);
  return (
    <Alert color="red" variant="light" title={title} role="alert" my="md">
      <Stack gap="xs">
        {detail && <Text size="sm">{detail}</Text>}
        <Text size="sm">{next}</Text>
        <Group gap="sm">
          {retry && (
            <Button size="xs" variant="default" onClick={retry}>
              Try again
            </Button>
          )}
          <Anchor component={Link} to="/" size="sm">
            Go to my scorecard
          </Anchor>
        </Group>
      </Stack>
    </Alert>
  );
}

function describe(error: unknown): { title: string; detail: string; next: string } {
  if (error instanceof ApiError) {
    const detail = error.problem.detail;
    if (error.status === 401) return { title: 'Signed out', detail, next: 'Your session has ended: sign in again.' };
    if (error.status === 404) return { title: 'Not found', detail, next: 'Check the address, or go back to your scorecard.' };
    if (error.status === 400 || error.status === 422)
      return { title: 'The request was refused', detail, next: 'Change what you asked for and try again.' };
    if (error.status === 429)
      return { title: 'Too many requests', detail, next: `Wait ${error.retryAfterSeconds ?? 'a few'} seconds and try again.` };
    return { title: 'The server could not answer', detail, next: 'Try again in a moment; if it keeps failing, tell your administrator.' };
  }
  if (error instanceof ContractError) {
    return {
      title: 'Unexpected answer from the server',
      detail: error.message,
      next: 'Reload the page; if it persists the web app and server versions differ.',
    };
  }
  if (error instanceof TypeError) {
    return {
      title: 'Cannot reach the server',
      detail: error.message,
      next: 'Check your connection and that the Cairn server is running, then try again.',
    };
  }
  return {
    title: 'Something went wrong',
    detail: error instanceof Error ? error.message : String(error),
    next: 'Try again, or go back to your scorecard.',
  };
}

interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/** Renders a query's loading, error, empty or loaded state. */
export function QueryState<T>(props: {
  query: QueryLike<T>;
  label: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <LoadingState label={props.label} />;
  if (props.isEmpty?.(query.data)) return <>{props.empty ?? <EmptyState title="Nothing to show yet" />}</>;
  return <>{props.children(query.data)}</>;
}
