import type { FeatureView } from '@fp/feature-views';
import type { Logger } from '@fp/log';
import type { Serde } from '@fp/serdes';
import { join } from 'node:path';
import { OnlineStoreError } from './errors';
import { openViewStore, type ViewStore } from './view-store';

/** One view to materialise, with how its topic is read. */
export interface MaterialisedView<Row = unknown> {
  readonly view: FeatureView<Row>;
  readonly serde: Serde<Row>;
  /** Default: the view's own topic. */
  readonly topic?: string;
}

export interface OnlineStoreOptions {
  /** Each view's LevelDB lives in `<stateDir>/<view name>`. */
  readonly stateDir: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each view has its own row type
  readonly views: readonly MaterialisedView<any>[];
  readonly now: () => number;
  readonly log: Logger;
  readonly cacheEntriesPerView?: number;
}

/** The materialised views of one server, by name. */
export interface OnlineStore {
  readonly views: readonly ViewStore[];
  /** The view's store, `undefined` for a view this store does not hold. */
  view(name: string): ViewStore | undefined;
  /** Commits every view (rows and positions), e.g. before a clean stop. */
  commit(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the stores of the given views (creating what is missing).
 * @throws OnlineStoreError `ONLINE_STORE_INVALID_OPTIONS` for no view or a view named twice;
 *   `ONLINE_STORE_STATE_MISMATCH` for a directory holding another topic's rows
 */
export async function openOnlineStore(options: OnlineStoreOptions): Promise<OnlineStore> {
  const names = options.views.map(({ view }) => view.name);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (names.length === 0 || repeated.length > 0) {
    throw new OnlineStoreError(
      'ONLINE_STORE_INVALID_OPTIONS',
      names.length === 0
        ? 'an online store needs at least one view'
        : `views named more than once: ${repeated.join(', ')}`,
    );
  }
  const opened: ViewStore[] = [];
  try {
    for (const { view, serde, topic } of options.views) {
      opened.push(
        await openViewStore({
          view,
          serde,
          ...(topic === undefined ? {} : { topic }),
          path: join(options.stateDir, view.name),
          now: options.now,
          log: options.log,
          ...(options.cacheEntriesPerView === undefined ? {} : { cacheEntries: options.cacheEntriesPerView }),
        }),
      );
    }
  } catch (error) {
    await Promise.all(opened.map((store) => store.close()));
    throw error;
  }
  const byName = new Map(opened.map((store) => [store.name, store]));
  return {
    views: opened,
    view: (name) => byName.get(name),
    commit: async () => {
      await Promise.all(opened.map((store) => store.commit()));
    },
    close: async () => {
      await Promise.all(opened.map((store) => store.close()));
    },
  };
}
