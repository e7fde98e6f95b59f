import type { Admin, Kafka, Message, Producer, RecordMetadata } from 'kafkajs';
import { sleep } from './wait-for';

/** How long a new topic's partitions may take to elect leaders on a loaded machine. */
const LEADERS_TIMEOUT_MS = 60_000;
/** Between two metadata requests while leaders are being elected. */
const LEADER_POLL_MS = 100;

/** What tests produce with: the only producer a test may use. */
export interface TestProducer {
  /** Waits until every partition of `topic` has a leader, then sends `messages` and waits for the acks. */
  send(topic: string, messages: Message[]): Promise<RecordMetadata[]>;
  disconnect(): Promise<void>;
}

/**
 * An idempotent producer (one request in flight, acks from all in-sync replicas) that sends to a
 * topic only once each of its partitions has a leader. A plain producer resends a whole request
 * when a new topic's leaders are not ready yet or a request times out on a busy machine, and the
 * broker then keeps both copies: the inputs a test counts on are duplicated.
 */
export async function connectTestProducer(kafka: Kafka): Promise<TestProducer> {
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const admin = kafka.admin();
  await Promise.all([producer.connect(), admin.connect()]);
  const led = new Set<string>();
  const awaitLeaders = async (topic: string): Promise<void> => {
    if (led.has(topic)) return;
    await awaitTopicLeaders(admin, topic);
    led.add(topic);
  };
  return {
    send: async (topic, messages) => {
      await awaitLeaders(topic);
      return producer.send({ topic, messages, acks: -1 });
    },
    disconnect: async () => {
      await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
    },
  };
}

/** Connects a test producer, sends `messages` to `topic`, and disconnects. */
export async function produceTestRecords(kafka: Kafka, topic: string, messages: Message[]): Promise<RecordMetadata[]> {
  const producer = await connectTestProducer(kafka);
  try {
    return await producer.send(topic, messages);
  } finally {
    await producer.disconnect();
  }
}

/** Resolves once every partition of `topic` has a leader that serves it (a topic created or re-created a moment ago may not). */
export async function awaitTopicLeaders(admin: Admin, topic: string): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  while (!(await hasLeaders(admin, topic))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for leaders of every partition of ${topic}`);
    await sleep(LEADER_POLL_MS);
  }
}

async function hasLeaders(admin: Admin, topic: string): Promise<boolean> {
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const partitions = topics[0]?.partitions ?? [];
    if (partitions.length === 0 || partitions.some(({ leader }) => leader < 0)) return false;
    // Metadata may name a leader before it serves the partition (a topic re-created a moment ago
    // answers NOT_LEADER for a while): a list-offsets request proves every leader serves.
    await admin.fetchTopicOffsets(topic);
    return true;
  } catch {
    // Metadata of a topic created a moment ago may not have reached the broker answering yet.
    return false;
  }
}
