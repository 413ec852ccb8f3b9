import { Alert, Group, Radio, Stack, TextInput } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { dateTextError, parseDateText } from '../../shared/date-text';
import { parisWallClock } from '../../shared/dates';
import { type DisplayLang, formatDateTime, formatWeekday } from '../../shared/format';

/** A start as the picker lists it, in Paris: « jeudi 26/11/2026 08:30 » ("Thursday 26/11/2026 08:30"). */
export const startLabel = (iso: string, lang: DisplayLang) =>
  `${formatWeekday(iso, lang, 'long')} ${formatDateTime(iso)}`;

/** A typed Paris time (HH:mm, or 8h30) as hours and minutes, or null. */
const typedTime = (time: string) => /^([01]?\d|2[0-3])[:h]([0-5]\d)$/.exec(time.trim());

/**
 * Why a typed date or time cannot be read, as catalogue keys (null while empty or readable): the
 * « Réserver » button stays disabled until both are, and the fields say why (« 25:99 »).
 */
export function typedStartErrors(date: string, time: string) {
  return {
    date: dateTextError(date),
    time: time.trim() !== '' && !typedTime(time) ? ('validation.time' as const) : null,
  };
}

/** The instant of a typed Paris date (jj/mm/aaaa) and time (HH:mm), or null while incomplete. */
export function typedStart(date: string, time: string): string | null {
  const day = parseDateText(date);
  const m = typedTime(time);
  if (!day || !m) return null;
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return parisWallClock(y, mo, d, Number(m[1]), Number(m[2])).toISOString();
}

export type StartChoice = { picked: string; date: string; time: string };

/**
 * The start of a batch: one of the proposed next free starts (the first is chosen), or another
 * Paris date and time typed by hand ("other").
 */
export function StartPicker({
  starts,
  value,
  onChange,
}: {
  starts: string[];
  value: StartChoice;
  onChange: (next: StartChoice) => void;
}) {
  const { t, lang } = useI18n();
  const errors = typedStartErrors(value.date, value.time);
  return (
    <Stack gap="xs">
      {starts.length === 0 ? <Alert color="orange">{t('robot.book.noSlot')}</Alert> : null}
      {/* The group is named by its label (a screen reader heard an unnamed radio group). */}
      <Radio.Group
        value={value.picked}
        onChange={(picked) => onChange({ ...value, picked })}
        name="start"
        label={starts.length > 0 ? t('robot.book.proposed') : undefined}
        aria-label={starts.length > 0 ? undefined : t('robot.book.other')}
      >
        <Stack gap={6}>
          {starts.map((s) => (
            <Radio key={s} value={s} label={startLabel(s, lang)} />
          ))}
          <Radio value="other" label={t('robot.book.other')} />
        </Stack>
      </Radio.Group>
      {value.picked === 'other' ? (
        <Group grow align="flex-start">
          <TextInput
            label={t('robot.book.date')}
            placeholder="jj/mm/aaaa"
            value={value.date}
            onChange={(e) => onChange({ ...value, date: e.currentTarget.value })}
            error={errors.date ? t(errors.date) : undefined}
          />
          <TextInput
            label={t('robot.book.time')}
            placeholder="08:30"
            value={value.time}
            onChange={(e) => onChange({ ...value, time: e.currentTarget.value })}
            error={errors.time ? t(errors.time) : undefined}
          />
        </Group>
      ) : null}
    </Stack>
  );
}

/** The chosen start as an instant, or null when "other" is not filled in yet. */
export const chosenStart = (choice: StartChoice) =>
  choice.picked === 'other' ? typedStart(choice.date, choice.time) : choice.picked || null;
