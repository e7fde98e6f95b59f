/** Keys in checkpoint 1 of the crash fixture (checkpoint 2 rewrites twice as many, minus `key-0`). */
export const CHECKPOINT_KEYS = 1_000;
