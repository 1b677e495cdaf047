import { Anchor, Box, Button, Container, Group, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NavLink, useNavigate, useSearchParams } from 'react-router';
import { type SignedIn, signOut } from '../../api/auth-api';
import { ME_KEY } from '../auth/use-me';

const NAV: readonly { to: string; label: string; keepPeriod: boolean; end?: boolean }[] = [
  { to: '/', label: 'My scorecard', keepPeriod: true, end: true },
  { to: '/scorecards', label: 'Scorecards', keepPeriod: true },
  { to: '/strategy-map', label: 'Strategy map', keepPeriod: true },
  { to: '/kpis', label: 'KPI catalog', keepPeriod: false },
  { to: '/imports', label: 'Imports', keepPeriod: false },
];

/** The frame of every signed-in page: skip link, top navigation (keeping the period), who is signed in, sign-out. */
export function AppLayout({ me, children }: { me: SignedIn; children: ReactNode }) {
  const [params] = useSearchParams();
  const period = params.get('period');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
      navigate('/sign-in', { replace: true });
    },
  });
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Box component="header" className="app-header">
        <Container size="xl" py="xs">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="lg" wrap="wrap">
              <Text fw={700} size="lg" c="teal.9">
                Cairn
              </Text>
              <nav aria-label="Main">
                <Group gap={4} wrap="wrap" component="ul" className="nav-list">
                  {NAV.map((item) => (
                    <li key={item.to}>
                      <Anchor
                        component={NavLink}
                        to={{ pathname: item.to, search: item.keepPeriod && period ? `?period=${encodeURIComponent(period)}` : '' }}
                        end={item.end}
                        className="nav-link"
                      >
                        {item.label}
                      </Anchor>
                    </li>
                  ))}
                </Group>
              </nav>
            </Group>
            <Group gap="sm">
              <Text size="sm" c="dimmed">
                {me.displayName ?? me.viewer.email} · {me.viewer.role.replace('_', ' ')}
              </Text>
              <Button size="xs" variant="default" onClick={() => signOutMutation.mutate()} loading={signOutMutation.isPending}>
                Sign out
              </Button>
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="xl" component="main" id="main" tabIndex={-1} py="md">
        {children}
      </Container>
    </>
  );
}
