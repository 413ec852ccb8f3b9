import { Alert, Loader } from '@mantine/core';
import { useI18n } from '../i18n/i18n';
import { describeError } from './errors';

/** A query's error as a readable alert, and a loader while it runs. */
export function QueryState({ query }: { query: { error: unknown; isPending: boolean } }) {
  const { t } = useI18n();
  return (
    <>
      {query.error ? (
        <Alert color="red" role="alert">
          {describeError(t, query.error)}
        </Alert>
      ) : null}
      {query.isPending ? <Loader aria-label={t('common.loading')} /> : null}
    </>
  );
}
