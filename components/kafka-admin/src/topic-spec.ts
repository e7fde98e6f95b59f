import { KafkaAdminError } from './errors';

/** A topic as the pipeline needs it. */
export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Topic-level configs set at creation, e.g. `{ 'cleanup.policy': 'compact' }`. */
  readonly configs?: Readonly<Record<string, string>>;
}

/** Kafka's own limit on topic names (249 characters of `[a-zA-Z0-9._-]`). */
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/** Throws KAFKA_ADMIN_INVALID_OPTIONS listing every bad spec at once. */
export function validateTopicSpecs(specs: readonly TopicSpec[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (!TOPIC_NAME.test(spec.topic)) {
      problems.push(`topic "${spec.topic}" must be 1-249 characters of [a-zA-Z0-9._-]`);
    }
    if (seen.has(spec.topic)) {
      problems.push(`topic "${spec.topic}" is listed twice`);
    }
    seen.add(spec.topic);
    if (!(Number.isInteger(spec.partitions) && spec.partitions > 0)) {
      problems.push(`topic "${spec.topic}": partitions must be a positive integer, got ${String(spec.partitions)}`);
    }
    if (!(Number.isInteger(spec.replicationFactor) && spec.replicationFactor > 0)) {
      problems.push(
        `topic "${spec.topic}": replicationFactor must be a positive integer, got ${String(spec.replicationFactor)}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new KafkaAdminError('KAFKA_ADMIN_INVALID_OPTIONS', `invalid topic specs: ${problems.join('; ')}`);
  }
}

/** Existing topics whose partition count differs from the spec, as human-readable lines. */
export function partitionMismatches(
  specs: readonly TopicSpec[],
  existingPartitionCounts: ReadonlyMap<string, number>,
): string[] {
  const mismatches: string[] = [];
  for (const spec of specs) {
    const actual = existingPartitionCounts.get(spec.topic);
    if (actual !== undefined && actual !== spec.partitions) {
      mismatches.push(`"${spec.topic}" has ${actual} partitions, expected ${spec.partitions}`);
    }
  }
  return mismatches;
}
