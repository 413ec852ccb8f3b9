import { Badge } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import type { TransferStatus, TransferSummary } from '../stock.api';

const STATUS_COLOR: Record<TransferStatus, string> = {
  requested: 'blue',
  accepted: 'teal',
  rejected: 'red',
  shipped: 'grape',
  received: 'green',
  cancelled: 'gray',
};

export function TransferStatusBadge({ status }: { status: TransferStatus }) {
  const { t } = useI18n();
  return (
    <Badge variant="light" color={STATUS_COLOR[status]}>
      {t(`transfers.status.${status}`)}
    </Badge>
  );
}

export function UrgencyBadge({ urgency }: { urgency: TransferSummary['urgency'] }) {
  const { t } = useI18n();
  return urgency === 'urgent' ? (
    <Badge variant="filled" color="red">
      {t('transfers.urgency.urgent')}
    </Badge>
  ) : (
    <Badge variant="outline" color="gray">
      {t('transfers.urgency.normal')}
    </Badge>
  );
}
