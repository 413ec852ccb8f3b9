import { Alert, Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../shared/format';
import type { SharesReport } from '../shares.api';
import { categoryKeys, monthList, periodName, reportWarnings } from '../shares.rules';

/**
 * The report's warnings (`reportWarnings`), one alert each: on the report page, and again in the
 * close dialog. `skip` leaves some out where the page already says them another way.
 */
export function ReportWarnings({
  report,
  skip = [],
}: {
  report: Pick<SharesReport, 'keyFallbacks' | 'reconciliation' | 'legalNote'>;
  skip?: readonly ('fallback' | 'unbalanced' | 'legal')[];
}) {
  const { t, lang } = useI18n();
  const r = report.reconciliation;
  return reportWarnings(report)
    .filter((w) => !skip.includes(w.kind))
    .map((w) =>
      w.kind === 'fallback' ? (
        <Alert key={w.kind} color="yellow" title={t(w.title)} data-testid="report-warning">
          {w.lines.map((l) => (
            <Text key={`${l.category}-${l.month}`} size="sm">
              {t('shares.report.fallback', {
                category: l.category,
                month: periodName({ kind: 'month', start: `${l.month}-01` }, lang),
                count: l.count,
              })}
            </Text>
          ))}
        </Alert>
      ) : (
        <Alert
          key={w.kind}
          color={w.kind === 'unbalanced' ? 'red' : 'yellow'}
          title={t(w.title)}
          data-testid="report-warning"
        >
          {t(w.message, {
            ledgerCosts: formatMoney(r.ledgerCostCents),
            allocatedCosts: formatMoney(r.allocatedCostCents),
            ledgerRevenues: formatMoney(r.ledgerRevenueCents),
            allocatedRevenues: formatMoney(r.allocatedRevenueCents),
          })}
        </Alert>
      ),
    );
}

/**
 * A category's keys in words: "Parts détenues → Activité (sachets)" for a key changed within the
 * period; "Activité (sachets) — repli sur les parts détenues en octobre 2026" for months of the
 * `activity` key without verified pouches (a fallback, not a change of key).
 */
export function useKeysLabel() {
  const { t, lang } = useI18n();
  return (
    category: { id: number; keys: SharesReport['categories'][number]['keys'] },
    fallbacks: SharesReport['keyFallbacks'],
  ) => {
    const { keys, fallbackMonths } = categoryKeys(category, fallbacks);
    const named = keys.map((k) => t(`shares.key.${k}`)).join(' → ');
    return fallbackMonths.length > 0
      ? t('shares.report.keysWithFallback', { keys: named, months: monthList(fallbackMonths, lang) })
      : named;
  };
}
