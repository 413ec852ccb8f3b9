import { Group, Select } from '@mantine/core';
import { endOfMonth, format, startOfMonth } from 'date-fns';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { DayFilterField } from '../../shared/DateField';
import { serverNow } from '../../shared/server-clock';
import type { Period, Range } from '../shares.api';
import { periodName } from '../shares.rules';

const CUSTOM = 'custom';

/**
 * Which range a report covers: one of the periods (open or closed), or any two dates. The
 * range lives in the page's address (`?from=&to=`), so a link or a reload shows the same report.
 * « Autres dates… » shows the two date fields, starting from the range shown (or the current
 * month when there is none), and keeps them shown while the treasurer edits them, even when the
 * dates typed happen to be a period's. While a date is being typed and is no whole date yet (or
 * a field is emptied), the range is still the last one read: `onPendingChange(true)` lets the page
 * say so. `errors` are the report's refusals of the range (`query.from`, `query.to` of its 400),
 * said under their field.
 */
export function PeriodPicker({
  periods,
  range,
  onChange,
  onPendingChange,
  errors = {},
}: {
  periods: readonly Period[];
  range: Range | null;
  onChange: (range: Range | null) => void;
  onPendingChange?: (pending: boolean) => void;
  errors?: { from?: string; to?: string };
}) {
  const { t, lang } = useI18n();
  // Chosen by the user: the range alone cannot say it (it still matches the period it came from).
  const [customChosen, setCustomChosen] = useState(false);
  const selected = periods.find((p) => range && p.start === range.from && p.end === range.to);
  const value = customChosen || (!selected && range) ? CUSTOM : selected ? String(selected.id) : null;
  const [fromPending, setFromPending] = useState(false);
  const [toPending, setToPending] = useState(false);
  // An emptied field is no date: the range keeps its last one, the field asks for a date.
  const [fromEmpty, setFromEmpty] = useState(false);
  const [toEmpty, setToEmpty] = useState(false);
  const pending = value === CUSTOM && range !== null && (fromPending || toPending || fromEmpty || toEmpty);
  useEffect(() => onPendingChange?.(pending), [pending, onPendingChange]);
  const data = [
    ...periods.map((p) => ({
      value: String(p.id),
      label: `${periodName(p, lang)} — ${t(p.status === 'closed' ? 'shares.period.closed' : 'shares.period.open')}`,
    })),
    { value: CUSTOM, label: t('shares.period.custom') },
  ];
  return (
    // Top-aligned: a field’s error below it must not lift it above the others.
    <Group align="flex-start" gap="sm">
      <Select
        label={t('shares.period.label')}
        data={data}
        value={value}
        allowDeselect={false}
        w={260}
        onChange={(next) => {
          const period = periods.find((p) => String(p.id) === next);
          setFromEmpty(false);
          setToEmpty(false);
          if (period) {
            setCustomChosen(false);
            onChange({ from: period.start, to: period.end });
          } else if (next === CUSTOM) {
            setCustomChosen(true);
            if (!range) onChange(currentMonth());
          }
        }}
      />
      {value === CUSTOM && range ? (
        <>
          <DayFilterField
            label={t('shares.period.from')}
            day={range.from}
            w={170}
            error={fromEmpty ? t('validation.required') : errors.from}
            onDay={(from) => {
              setFromEmpty(!from);
              if (from) onChange({ ...range, from });
            }}
            onPending={setFromPending}
          />
          <DayFilterField
            label={t('shares.period.to')}
            day={range.to}
            w={170}
            // The report refuses it (400): say why on the field, not only « Vérifiez les champs saisis ».
            error={
              toEmpty
                ? t('validation.required')
                : (errors.to ??
                  (!fromEmpty && range.to < range.from ? t('shares.validation.rangeInverted') : undefined))
            }
            onDay={(to) => {
              setToEmpty(!to);
              if (to) onChange({ ...range, to });
            }}
            onPending={setToPending}
          />
        </>
      ) : null}
    </Group>
  );
}

/** The calendar month of today (the browser's day), as the custom range's start when none is shown. */
function currentMonth(): Range {
  const today = serverNow();
  return {
    from: format(startOfMonth(today), 'yyyy-MM-dd'),
    to: format(endOfMonth(today), 'yyyy-MM-dd'),
  };
}
