import { ActionIcon, Popover, TextInput, type TextInputProps } from '@mantine/core';
import { DatePicker, MonthPicker } from '@mantine/dates';
import { useId } from '@mantine/hooks';
import { IconCalendar } from '@tabler/icons-react';
import { type FocusEvent, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useCalendarLabels } from './calendar';
import { type DateTextMode, dateTextError, endOfMonth, formatDateText, parseDateText } from './date-text';
import { serverNow } from './server-clock';

type DateFieldProps = Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue' | 'type'> & {
  /** 'YYYY-MM-DD', or the text as typed while it is not a date yet (the schema then refuses it). */
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** 'expiry' also takes mm/aaaa (the last day of that month) and picks a month in the calendar. */
  mode?: DateTextMode;
  /** Bounds of the calendar ('YYYY-MM-DD'); typed dates are checked by the form's schema. */
  minDate?: string;
  maxDate?: string;
};

/**
 * A date typed as French people write it (jj/mm/aaaa; mm/aaaa for an expiry, as printed on the
 * box) or picked in a calendar. The form receives 'YYYY-MM-DD' as soon as the text is a real
 * date; on leaving the field the text shows the day understood ("06/2028" → "30/06/2028").
 */
export function DateField({ value, onChange, mode = 'day', minDate, maxDate, onBlur, error, ...rest }: DateFieldProps) {
  const { t } = useI18n();
  const calendarLabels = useCalendarLabels();
  const [text, setText] = useState(() => formatDateText(value));
  const [left, setLeft] = useState(false);
  const [pickerOpen, setPickerOpen] = useState(false);
  const fieldId = useId(rest.id);
  const parsed = parseDateText(text, mode);

  // A value set from outside (the picker, a reset) replaces the text; our own echo does not.
  useEffect(() => {
    const current = parseDateText(text, mode) ?? (text.trim() || null);
    if ((value ?? null) !== current) setText(formatDateText(value));
  }, [value, text, mode]);

  const change = (next: string) => {
    setText(next);
    onChange?.(parseDateText(next, mode) ?? (next.trim() || null));
  };
  const pick = (day: string | null) => {
    if (!day) return;
    const chosen = mode === 'expiry' ? endOfMonth(day) : day;
    setText(formatDateText(chosen));
    onChange?.(chosen);
    setPickerOpen(false);
  };
  const blur = (event: FocusEvent<HTMLInputElement>) => {
    setLeft(true);
    if (parsed) setText(formatDateText(parsed));
    onBlur?.(event);
  };
  // Text that is no date says how to write one, more precisely than the schema can.
  const unreadable = left && text.trim() !== '' && parsed === null;
  // The calendar opens with focus on the day chosen (else today), as on a date picker's grid, not
  // on « Mois précédent » three Tabs away; a day the bounds leave out keeps the first control.
  const focusDay = parsed ?? localToday();
  const focusable = (minDate === undefined || focusDay >= minDate) && (maxDate === undefined || focusDay <= maxDate);
  const focusMonth = `${focusDay.slice(0, 7)}-01`;
  const pickerProps = {
    value: parsed,
    onChange: pick,
    ariaLabels: calendarLabels,
    minDate,
    maxDate,
    defaultDate: parsed ?? undefined,
  };

  return (
    <TextInput
      {...rest}
      id={fieldId}
      value={text}
      onChange={(event) => change(event.currentTarget.value)}
      onBlur={blur}
      inputMode="numeric"
      autoComplete="off"
      placeholder={t(mode === 'expiry' ? 'dateField.placeholder.expiry' : 'dateField.placeholder.day')}
      error={unreadable ? t(dateTextError(text, mode) ?? 'validation.date') : error}
      rightSection={
        // returnFocus: a day picked (or Escape) puts focus back on the button, not on the page.
        <Popover
          opened={pickerOpen}
          onChange={setPickerOpen}
          position="bottom-end"
          shadow="md"
          trapFocus
          returnFocus
          withinPortal
        >
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              // Named after its field: two date fields on a page (« Du », « Au ») have two such
              // buttons, and their calendars, told apart by name.
              aria-label={
                typeof rest.label === 'string'
                  ? t('dateField.openCalendarFor', { label: rest.label })
                  : t('dateField.openCalendar')
              }
              aria-expanded={pickerOpen}
              onClick={() => setPickerOpen((open) => !open)}
            >
              <IconCalendar size={18} />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            {mode === 'expiry' ? (
              <MonthPicker
                {...pickerProps}
                getMonthControlProps={(month) =>
                  focusable && month.slice(0, 10) === focusMonth ? { 'data-autofocus': true } : {}
                }
              />
            ) : (
              <DatePicker
                {...pickerProps}
                getDayProps={(day) => (focusable && day.slice(0, 10) === focusDay ? { 'data-autofocus': true } : {})}
              />
            )}
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}

const WHOLE_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today on the browser's calendar ('YYYY-MM-DD'): the day the calendar itself marks as today. */
function localToday(): string {
  const now = serverNow();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A list's date filter (« Du », « Au »): what is being typed (« 15/1 ») stays the field's own until
 * it is a whole date, which then filters ('YYYY-MM-DD', a Paris calendar day); emptied, the filter
 * is removed (`undefined`). A day changed from outside (a reset, a link) replaces the text. A
 * plain `DateField` bound to a filter that takes whole dates only would put the last day back at
 * each key stroke. `onPending` lets a page say that what it shows is still the last whole day's.
 */
export function DayFilterField({
  day,
  onDay,
  onPending,
  ...field
}: Omit<DateFieldProps, 'value' | 'onChange'> & {
  day: string | undefined;
  onDay: (day: string | undefined) => void;
  /** Told whether the text is being typed and not a whole date yet (the filter still holds `day`). */
  onPending?: (pending: boolean) => void;
}) {
  const [draft, setDraft] = useState<string | null>(day ?? null);
  useEffect(() => setDraft(day ?? null), [day]);
  const pending = draft !== null && !WHOLE_DAY.test(draft);
  useEffect(() => onPending?.(pending), [pending, onPending]);
  return (
    <DateField
      {...field}
      value={draft}
      onChange={(next) => {
        setDraft(next);
        if (next === null) onDay(undefined);
        else if (WHOLE_DAY.test(next)) onDay(next);
      }}
    />
  );
}
