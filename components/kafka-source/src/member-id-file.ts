import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The group member id of this process, kept in a file across restarts. A worker killed with -9
 * never leaves its group; a successor that joins as a new member makes the group wait until the
 * killed member's session expires (30 s by default) before anyone gets partitions back. Rejoining
 * with the remembered id instead is a rejoin of a live member: the rebalance completes at once.
 * (Kafka's static membership, KIP-345, solves the same problem, but kafkajs 2.2.4 does not speak it.)
 * Reads and writes are synchronous: they happen once per rebalance, never on the record path.
 */
export interface MemberIdFile {
  load(): string | undefined;
  save(memberId: string): void;
  /** After leaving the group gracefully the id is void: a later start joins as a new member. */
  forget(): void;
}

export function createMemberIdFile(path: string): MemberIdFile {
  let saved: string | undefined;
  return {
    load() {
      try {
        const text = readFileSync(path, 'utf8').trim();
        saved = text === '' ? undefined : text;
      } catch {
        saved = undefined; // no file yet: a first start
      }
      return saved;
    },
    save(memberId) {
      if (memberId === '' || memberId === saved) return;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${memberId}\n`);
      saved = memberId;
    },
    forget() {
      rmSync(path, { force: true });
      saved = undefined;
    },
  };
}
