import type { KafkaSink } from '@fp/kafka-sink';

/** Headers of a watermark marker: a record without key or value in a repartition partition. */
export const WATERMARK_TASK_HEADER = 'fp-watermark-task';
export const WATERMARK_MS_HEADER = 'fp-watermark-ms';

export interface WatermarkMarker {
  readonly fromTaskId: string;
  readonly watermarkMs: number;
}

/**
 * Collects the latest watermark of each (repartition topic, upstream task) and writes it to every
 * partition of the topic once per batch: a downstream task then knows how far each upstream task
 * got, even for partitions that receive none of its records. Markers ride in the partitions in order
 * with the records, so a marker never overtakes a record written before it.
 */
export function createWatermarkMarkers(partitionsOf: (topic: string) => number) {
  /** Topic -> upstream task -> its latest watermark. Noted after nearly every record: no allocation per note. */
  const latest = new Map<string, Map<string, number>>();
  return {
    note(topic: string, fromTaskId: string, watermarkMs: number): void {
      let byTask = latest.get(topic);
      if (byTask === undefined) {
        byTask = new Map();
        latest.set(topic, byTask);
      }
      byTask.set(fromTaskId, watermarkMs);
    },
    flush(sink: Pick<KafkaSink, 'send'>): void {
      for (const [topic, byTask] of latest) {
        for (const [fromTaskId, watermarkMs] of byTask) {
          const headers = { [WATERMARK_TASK_HEADER]: fromTaskId, [WATERMARK_MS_HEADER]: String(watermarkMs) };
          for (let partition = 0; partition < partitionsOf(topic); partition++) {
            sink.send({ topic, partition, key: null, value: null, headers });
          }
        }
        byTask.clear();
      }
    },
  };
}

export function readWatermarkMarker(
  headers: Readonly<Record<string, Buffer | readonly Buffer[]>> | undefined,
): WatermarkMarker | undefined {
  const task = headers?.[WATERMARK_TASK_HEADER];
  const watermark = headers?.[WATERMARK_MS_HEADER];
  if (task === undefined || watermark === undefined || Array.isArray(task) || Array.isArray(watermark))
    return undefined;
  return { fromTaskId: task.toString(), watermarkMs: Number(watermark.toString()) };
}
