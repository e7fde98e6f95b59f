/** Topics the flight pipelines use; the generator's `--create` option (re)creates all four. */
export const FLIGHT_TOPICS = Object.freeze(['skyone', 'sunset', 'flightdata', 'userstatistics'] as const);
/** Partitions of each flight topic: `skyone` and `sunset` must match for the importer's merge. */
export const FLIGHT_TOPIC_PARTITIONS = 5;
