import { Alert, Button, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type Annotation, postAnnotation } from '../../api/annotation-api';
import { isApiError } from '../../api/api-error';
import { formatDateTime } from '../../ui/format';

/** Comment on this KPI's value for the node and period; the chart shows it as soon as it is saved. */
export function AnnotationPanel(props: {
  kpiId: string;
  node: string;
  period: string;
  annotations: readonly Annotation[];
  locale: string;
}) {
  const { kpiId, node, period } = props;
  const [body, setBody] = useState('');
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: postAnnotation,
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: ['annotations', kpiId, node] });
      void queryClient.invalidateQueries({ queryKey: ['explain', kpiId, node] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim()) add.mutate({ kpiId, node, period, body: body.trim() });
  };
  return (
    <section>
      <Title order={2} size="h4">
        Annotations
      </Title>
      <form onSubmit={submit}>
        <Stack gap="xs" maw={640}>
          <Textarea
            label="Annotation"
            description={`A note on this value for ${period}, shown on the chart and in explain.`}
            autosize
            minRows={2}
            maxLength={2000}
            required
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <div>
            <Button type="submit" loading={add.isPending}>
              Add annotation
            </Button>
          </div>
          {add.isSuccess && (
            <Text size="sm" c="teal.8" role="status">
              Annotation added.
            </Text>
          )}
          {add.isError && (
            <Alert color="red" variant="light" role="alert">
              {isApiError(add.error, 403)
                ? `Not allowed: ${add.error.problem.detail}`
                : `The annotation was not saved: ${add.error instanceof Error ? add.error.message : String(add.error)}`}
            </Alert>
          )}
        </Stack>
      </form>
      <AnnotationList annotations={props.annotations} locale={props.locale} />
    </section>
  );
}

export function AnnotationList({ annotations, locale }: { annotations: readonly Annotation[]; locale: string }) {
  if (annotations.length === 0) {
    return (
      <Text size="sm" c="dimmed" mt="sm">
        No annotations yet.
      </Text>
    );
  }
  return (
    <List mt="sm" spacing={4} size="sm">
      {[...annotations].reverse().map((a) => (
        <List.Item key={a.id}>
          <Text span fw={600}>
            {a.periodLabel}
          </Text>
          : {a.body}{' '}
          <Text span c="dimmed" size="xs">
            — {a.author}, {formatDateTime(a.createdAt, locale)}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
