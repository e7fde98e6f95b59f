import { z } from 'zod';

/** A page view as the web tracker writes it, keyed by the user's id. */
export const pageViewsEventSchema = z.object({
  page: z.string(),
  /** When the page was viewed, in epoch ms: the event time the windows are built on. */
  viewed_at: z.number().int().nonnegative(),
});
export type PageViewsEvent = z.infer<typeof pageViewsEventSchema>;

/** An output row: one per user and window, sent again with the new figures for each late view. */
export const pageViewsRowSchema = z.object({
  user_id: z.string(),
  /** The window `[window_start, window_end)`, in epoch ms. */
  window_start: z.number().int(),
  window_end: z.number().int(),
  views: z.number().int().positive(),
  distinct_pages: z.number().int().positive(),
});
export type PageViewsRow = z.infer<typeof pageViewsRowSchema>;
