import { Group, Select } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import type { Period, Range } from '../shares.api';
import { periodName } from '../shares.rules';

const CUSTOM = 'custom';

/**
 * Which range a report covers: one of the periods (open or closed), or any two dates. The
 * range lives in the page's address (`?from=&to=`), so a link or a reload shows the same report.
 */
export function PeriodPicker({
  periods,
  range,
  onChange,
}: {
  periods: readonly Period[];
  range: Range | null;
  onChange: (range: Range | null) => void;
}) {
  const { t, lang } = useI18n();
  const selected = periods.find((p) => range && p.start === range.from && p.end === range.to);
  const value = selected ? String(selected.id) : range ? CUSTOM : null;
  const data = [
    ...periods.map((p) => ({
      value: String(p.id),
      label: `${periodName(p, lang)} — ${t(p.status === 'closed' ? 'shares.period.closed' : 'shares.period.open')}`,
    })),
    { value: CUSTOM, label: t('shares.period.custom') },
  ];
  return (
    <Group align="flex-end" gap="sm">
      <Select
        label={t('shares.period.label')}
        data={data}
        value={value}
        allowDeselect={false}
        w={260}
        onChange={(next) => {
          const period = periods.find((p) => String(p.id) === next);
          if (period) onChange({ from: period.start, to: period.end });
          else if (next === CUSTOM && range) onChange({ ...range });
        }}
      />
      {value === CUSTOM && range ? (
        <>
          <DateField
            label={t('shares.period.from')}
            value={range.from}
            w={170}
            onChange={(from) => from && /^\d{4}-\d{2}-\d{2}$/.test(from) && onChange({ ...range, from })}
          />
          <DateField
            label={t('shares.period.to')}
            value={range.to}
            w={170}
            onChange={(to) => to && /^\d{4}-\d{2}-\d{2}$/.test(to) && onChange({ ...range, to })}
          />
        </>
      ) : null}
    </Group>
  );
}
