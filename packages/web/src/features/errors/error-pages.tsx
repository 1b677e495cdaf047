import { Anchor, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError, useSearchParams } from 'react-router';
import { ErrorState, NotAllowed } from '../../ui/states';

/** `/not-allowed?detail=`: for links that already know the answer is 403. Pages refused in place render the same. */
export function NotAllowedPage() {
  const [params] = useSearchParams();
  return <NotAllowed detail={params.get('detail') ?? undefined} />;
}

export function NotFoundPage() {
  return (
    <Stack gap="sm" py="md">
      <Title order={1}>Page not found</Title>
      <Text>There is no page at this address. Check it, or start again from your scorecard or the KPI catalog.</Text>
      <Group>
        <Anchor component={Link} to="/">
          My scorecard
        </Anchor>
        <Anchor component={Link} to="/kpis">
          KPI catalog
        </Anchor>
      </Group>
    </Stack>
  );
}

/** The last resort for an error no page handled (a failed chunk load after a deploy, a bug): says what to do next. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Container size="md" py="xl" component="main">
        <NotFoundPage />
      </Container>
    );
  }
  return (
    <Container size="md" py="xl" component="main">
      <Title order={1}>Something went wrong</Title>
      <Text my="sm">
        This page could not be shown. Reloading usually helps (the app may have been updated since you opened it); if it keeps happening,
        tell your administrator what you were doing.
      </Text>
      <ErrorState error={error} />
      <Button onClick={() => window.location.reload()}>Reload the page</Button>
    </Container>
  );
}
