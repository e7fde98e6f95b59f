import type { Message, TopicMessages } from 'kafkajs';
import type { SinkRecord } from './sink-record';

/** Groups a batch by topic, in order, in the shape kafkajs' `sendBatch` takes. */
export function toTopicMessages(records: readonly SinkRecord[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const record of records) {
    let messages = byTopic.get(record.topic);
    if (messages === undefined) {
      messages = [];
      byTopic.set(record.topic, messages);
    }
    messages.push({
      key: record.key,
      value: record.value,
      ...(record.headers === undefined ? {} : { headers: { ...record.headers } as Message['headers'] }),
      ...(record.partition === undefined ? {} : { partition: record.partition }),
      ...(record.timestampMs === undefined ? {} : { timestamp: String(record.timestampMs) }),
    });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
