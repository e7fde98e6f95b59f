// kafkajs ships no types for its internals; rebalance-hooks.ts needs exactly this much of ConsumerGroup.
declare module 'kafkajs/src/consumer/consumerGroup.js' {
  class ConsumerGroup {
    assigners: unknown[];
    memberId: string | null;
    joinAndSync(): Promise<void>;
    heartbeat(options: { interval: number }): Promise<void>;
    assigned(): { topic: string; partitions: number[] }[];
  }
  export = ConsumerGroup;
}
