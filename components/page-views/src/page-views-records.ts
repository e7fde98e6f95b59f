import { z } from 'zod';

/**
 * An input event: a JSON object keyed by its entity (a user, a card, a device) as text. Add the
 * fields your features need; an event that does not match follows the worker's ON_BAD_RECORD.
 */
export const pageViewsEventSchema = z.object({
  /** When it happened, in epoch ms: the event time the windows are built on. */
  event_time: z.number().int().nonnegative(),
});
export type PageViewsEvent = z.infer<typeof pageViewsEventSchema>;

/** An output row: one per key and window, sent again with the new count for each late event. */
export const pageViewsRowSchema = z.object({
  key: z.string(),
  /** The window `[window_start, window_end)`, in epoch ms. */
  window_start: z.number().int(),
  window_end: z.number().int(),
  events: z.number().int().positive(),
});
export type PageViewsRow = z.infer<typeof pageViewsRowSchema>;
