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
    // Built field by field, not with spreads: this runs once per record produced.
    const message: Message = { key: record.key, value: record.value };
    // kafkajs only reads the headers; the record's own object is passed, not a copy.
    if (record.headers !== undefined) message.headers = record.headers as Message['headers'];
    if (record.partition !== undefined) message.partition = record.partition;
    if (record.timestampMs !== undefined) message.timestamp = String(record.timestampMs);
    messages.push(message);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
