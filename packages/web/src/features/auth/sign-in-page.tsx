import { Alert, Button, Center, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import { signIn } from '../../api/auth-api';
import { ME_KEY, useMe } from './use-me';

/** Only same-app paths are followed after sign-in, never another site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: (signedIn) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, signedIn);
      navigate(next, { replace: true });
    },
  });
  if (me.data && !mutation.isPending && !mutation.isSuccess) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate({ email: email.trim(), password });
  };
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h2">
              Sign in to Cairn
            </Title>
            {mutation.isError && <SignInError error={mutation.error} />}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <TextInput
              label="Password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={mutation.isPending}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

function SignInError({ error }: { error: unknown }) {
  let message = 'Could not sign in. Check that the Cairn server is running and try again.';
  if (isApiError(error, 401)) message = 'Wrong email or password.';
  else if (isApiError(error, 429)) {
    const wait = error.retryAfterSeconds;
    message = `Too many sign-in attempts. Wait ${wait === null ? 'a minute' : `${wait} second${wait === 1 ? '' : 's'}`} and try again.`;
  } else if (isApiError(error)) message = error.problem.detail || message;
  return (
    <Alert color="red" variant="light" role="alert">
      {message}
    </Alert>
  );
}
