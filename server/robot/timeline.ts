import type { Db } from '../../db/client';
import { parisDate, parisDaysIsoRange } from '../shared/dates';
import { type BatchRow, listActiveBatchesOverlapping } from './batches.repository';
import { type ClosureView, closuresOfDays } from './closure-calendar';
import { type DayWindow, type Interval, subtractIntervals, windowsOnDays } from './robot.models';
import { listWindows, type RobotRow } from './robot.repository';

/** A stored row with its span as epoch ms, for the pure rules. */
export type Spanned<R> = Interval & { row: R };

/** A robot's time over some Paris days: windows, closures, booked batches, and what is open. */
export type Timeline = {
  windows: readonly DayWindow[];
  /** Stored closures and the computed public holidays of years the robot does not store (id null). */
  closures: Spanned<ClosureView>[];
  batches: Spanned<BatchRow>[];
  /** Windows minus closures: where a batch may lie (each part on its own). */
  open: Interval[];
  /** Open time minus booked batches. */
  free: Interval[];
};

const spanned = <R extends { start: string; end: string }>(row: R): Spanned<R> => ({
  start: Date.parse(row.start),
  end: Date.parse(row.end),
  row,
});

/**
 * The robot's timeline over the Paris days from the one holding `from` to the one holding `to`
 * (epoch ms), with its non-cancelled batches except `excludeBatchId` (a batch being moved). Read
 * it inside the transaction that decides a booking.
 */
export function loadTimeline(db: Db, robot: Pick<RobotRow, 'id'>, from: number, to: number, excludeBatchId = 0) {
  const firstDay = parisDate(new Date(from));
  const lastDay = parisDate(new Date(Math.max(from, to)));
  return timelineOfDays(db, robot, firstDay, lastDay, excludeBatchId);
}

/** The robot's timeline over the Paris days `firstDay` … `lastDay` (both included). */
export function timelineOfDays(
  db: Db,
  robot: Pick<RobotRow, 'id'>,
  firstDay: string,
  lastDay: string,
  excludeBatchId = 0,
): Timeline {
  const windows = windowsOnDays(listWindows(db, robot.id), firstDay, lastDay);
  const range = parisDaysIsoRange(firstDay, lastDay);
  const closures = closuresOfDays(db, robot.id, firstDay, lastDay).map(spanned);
  const batches = listActiveBatchesOverlapping(db, robot.id, range.start, range.end, excludeBatchId).map(spanned);
  const open = subtractIntervals(windows, closures);
  return { windows, closures, batches, open, free: subtractIntervals(open, batches) };
}
