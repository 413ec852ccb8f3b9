import { scanReviewReminders } from '../server/reviews/worklist.usecases';
import { defineJob } from './runner';

/** Daily 07:00 Paris (SPEC §9): due and overdue review steps, eligible patients, as home-page alerts. */
export const reviewRemindersJob = defineJob({
  name: 'review-reminders',
  period: 'day',
  at: '07:00',
  run: (ctx) => scanReviewReminders(ctx),
});
