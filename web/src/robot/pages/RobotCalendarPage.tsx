import { Box, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconTool, IconWand } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { addIsoWeeks, isIsoWeek } from '../../../../server/shared/dates';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { weekLabel } from '../../orders/components/OrderBits';
import { Dialog } from '../../shared/Dialog';
import { isoWeekOf } from '../../shared/dates';
import { parisParts } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { serverNow } from '../../shared/server-clock';
import { UnreadAddressNotice } from '../../shared/UnreadAddressNotice';
import { BatchDialog } from '../components/BatchDialog';
import { BookDialog } from '../components/BookDialog';
import { ClosuresPanel } from '../components/ClosuresPanel';
import { PendingOrdersPanel } from '../components/PendingOrdersPanel';
import { PlanDialog } from '../components/PlanDialog';
import { CalendarLegend, WeekCalendar } from '../components/WeekCalendar';
import {
  type CalendarBatch,
  type PendingOrder,
  useCalendar,
  useClosures,
  usePendingOrders,
  useRobots,
} from '../robot.api';
import { orderWeekOf, weekOfInstant, weekToOpen } from '../robot.rules';

function thisWeek(): string {
  const p = parisParts(serverNow());
  return isoWeekOf(p.year, p.month, p.day);
}

/**
 * The robot's week (`?week=`, this week by default) with its batches, and for pharmacy staff and
 * the coordinator: the orders left to plan, booking at a proposed free start, and auto-planning
 * the orders of the following week.
 */
export function RobotCalendarPage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const staff = user.role === 'pharmacist' || user.role === 'technician';
  // Staff of a pharmacy serving no care home have no order to book: the robot's week only.
  const servesNone = staff && user.pharmacy?.careHomes === 0;
  const books = user.role === 'admin' || (staff && !servesNone);
  const [params, setParams] = useSearchParams();
  const asked = isIsoWeek(params.get('week') ?? '') ? (params.get('week') as string) : null;
  const week = asked ?? thisWeek();
  // An unreadable `?week=` (2026-W99) is said once, until the user moves to another week: the
  // redirect below replaces it in the address with the week shown.
  const rawWeek = params.get('week');
  const [unreadWeek, setUnreadWeek] = useState<string | null>(null);
  useEffect(() => {
    if (rawWeek !== null && !isIsoWeek(rawWeek)) setUnreadWeek(rawWeek);
  }, [rawWeek]);
  // A week moved to is a step the browser's Back undoes (the redirects below replace instead).
  const setWeek = (next: string) => {
    setUnreadWeek(null);
    setParams({ week: next });
  };
  const robots = useRobots();
  const [robotChoice, setRobotChoice] = useState<string | null>(null);
  const robot = robots.data?.find((r) => String(r.id) === robotChoice) ?? robots.data?.[0];
  const calendar = useCalendar(robot?.id, week);
  const pending = usePendingOrders(books ? robot?.id : undefined);
  const [booking, setBooking] = useState<PendingOrder | null>(null);
  const [batch, setBatch] = useState<CalendarBatch | null>(null);
  const [planning, setPlanning] = useState(false);
  // A pharmacist of the host pharmacy closes the robot here (a breakdown this morning); the
  // coordinator does it from the robot's settings page.
  const closes = user.role === 'pharmacist' && robot !== undefined && user.pharmacy?.id === robot.hostPharmacyId;
  const [closing, setClosing] = useState(false);
  const closures = useClosures(closes && closing ? robot?.id : undefined);
  const orderWeek = orderWeekOf(week);
  // The planner is the page's main action only while orders of its week wait for a batch.
  const toPlan = (pending.data ?? []).filter((o) => o.week === orderWeek).length;
  // Without `?week=`, a week whose working hours are over (a weekend) gives way to the next one.
  const opened = !asked && calendar.data?.week === week ? weekToOpen(calendar.data, serverNow()) : week;
  // The week the page opens on, named as such on its button: « Semaine à venir » once this one's work is over.
  const current = thisWeek();
  const currentCalendar = useCalendar(robot?.id, current);
  const landing = currentCalendar.data?.week === current ? weekToOpen(currentCalendar.data, serverNow()) : current;
  // An unreadable `?week=` is replaced too, by the week shown (the notice says which), once the
  // calendar says whether this week's work is over.
  const unreadable = rawWeek !== null && !asked && calendar.data?.week === week;
  useEffect(() => {
    if (opened !== week || unreadable) setParams({ week: opened }, { replace: true });
  }, [opened, week, unreadable, setParams]);
  // `?batch=` (from a batch's page): its dialog opens, to move or cancel it, once its week is shown.
  const askedBatch = calendar.data?.batches.find((b) => String(b.id) === params.get('batch'));
  useEffect(() => {
    if (!askedBatch) return;
    setBatch(askedBatch);
    setParams({ week }, { replace: true });
  }, [askedBatch, week, setParams]);

  return (
    <Stack>
      <PageHeader
        title={t('robot.calendar.title')}
        subtitle={robot ? t('robot.calendar.subtitle', { robot: robot.name, host: robot.hostPharmacyName }) : undefined}
        actions={
          books && robot ? (
            // Its label wraps on a phone rather than push the page past the screen's edge.
            <Button
              variant={toPlan > 0 ? 'filled' : 'default'}
              leftSection={<IconWand size={18} />}
              h="auto"
              mih={36}
              py={6}
              maw="100%"
              styles={{ label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.3 } }}
              onClick={() => setPlanning(true)}
            >
              {t('robot.plan.open', { number: Number(orderWeek.slice(6)) })}
            </Button>
          ) : undefined
        }
      />
      <QueryState query={robots} />
      <UnreadAddressNotice value={unreadWeek} shown={weekLabel(t, week)} />
      {robots.data && robots.data.length === 0 ? <Text>{t('robot.none')}</Text> : null}
      {servesNone ? (
        <Text c="dimmed" data-testid="robot-no-care-home">
          {t('robot.pending.noCareHome')}
        </Text>
      ) : null}
      {robot ? (
        <>
          <Group justify="space-between">
            {/* On a phone the arrows stand alone (their names stay), so the three fit on one line. */}
            <Group gap="xs" wrap="nowrap">
              <Button
                variant="default"
                aria-label={t('robot.calendar.previous')}
                leftSection={<IconChevronLeft size={16} />}
                styles={{ section: { marginInline: 0 } }}
                onClick={() => setWeek(addIsoWeeks(week, -1))}
              >
                <Box component="span" visibleFrom="sm" ml={8}>
                  {t('robot.calendar.previous')}
                </Box>
              </Button>
              {/* Back to the week the page opens on: this one, or the next once this one's work is over. */}
              <Button
                variant="default"
                onClick={() => {
                  setUnreadWeek(null);
                  setParams({});
                }}
              >
                {landing === current ? t('robot.calendar.today') : t('robot.calendar.upcoming')}
              </Button>
              <Button
                variant="default"
                aria-label={t('robot.calendar.next')}
                rightSection={<IconChevronRight size={16} />}
                styles={{ section: { marginInline: 0 } }}
                onClick={() => setWeek(addIsoWeeks(week, 1))}
              >
                <Box component="span" visibleFrom="sm" mr={8}>
                  {t('robot.calendar.next')}
                </Box>
              </Button>
            </Group>
            <Text fw={600} data-testid="calendar-week">
              {weekLabel(t, week)}
            </Text>
            {robots.data && robots.data.length > 1 ? (
              <Select
                aria-label={t('robot.calendar.robot')}
                data={robots.data.map((r) => ({ value: String(r.id), label: r.name }))}
                value={String(robot.id)}
                onChange={setRobotChoice}
                allowDeselect={false}
              />
            ) : null}
            {closes ? (
              <Button variant="default" leftSection={<IconTool size={16} />} onClick={() => setClosing(true)}>
                {t('robot.closures.open')}
              </Button>
            ) : null}
          </Group>
          {closes ? (
            <Dialog
              opened={closing}
              onClose={() => setClosing(false)}
              size="xl"
              title={t('robot.closures.title', { robot: robot.name })}
            >
              <Stack>
                <Text size="sm" c="dimmed">
                  {t('robot.closures.hint')}
                </Text>
                {closures.data ? (
                  <ClosuresPanel robotId={robot.id} closures={closures.data} formFirst />
                ) : (
                  <QueryState query={closures} />
                )}
              </Stack>
            </Dialog>
          ) : null}
          <QueryState query={calendar} />
          {calendar.data ? (
            <Paper withBorder p="xs">
              <WeekCalendar calendar={calendar.data} onBatch={setBatch} />
            </Paper>
          ) : null}
          {calendar.data ? <CalendarLegend calendar={calendar.data} /> : null}
          {books ? (
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('robot.pending.title')}
              </Title>
              <PendingOrdersPanel orders={pending.data} query={pending} onBook={setBooking} />
            </Stack>
          ) : null}
          <BookDialog
            robotId={robot.id}
            order={booking}
            onClose={(booked) => {
              setBooking(null);
              // The calendar shows the week of the batch just booked, where the pharmacist looks for it.
              if (booked) setWeek(weekOfInstant(booked.start));
            }}
          />
          <BatchDialog batch={batch} onClose={() => setBatch(null)} />
          <PlanDialog
            robotId={robot.id}
            orderWeek={orderWeek}
            orders={pending.data ?? []}
            opened={planning}
            onClose={() => setPlanning(false)}
          />
        </>
      ) : null}
    </Stack>
  );
}
