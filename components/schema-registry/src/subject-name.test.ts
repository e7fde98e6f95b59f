import { describe, expect, it } from 'vitest';
import { subjectName } from './subject-name';

const transaction = { type: 'record', name: 'Transaction', namespace: 'fp.cards', fields: [] } as const;

describe('subjectName()', () => {
  it('uses <topic>-<role> by default (TopicNameStrategy)', () => {
    expect(subjectName('card-transactions', 'value')).toBe('card-transactions-value');
    expect(subjectName('card-transactions', 'key')).toBe('card-transactions-key');
  });

  it('uses the record full name with record-name', () => {
    expect(subjectName('card-transactions', 'value', 'record-name', transaction)).toBe('fp.cards.Transaction');
  });

  it('uses <topic>-<record full name> with topic-record-name', () => {
    expect(subjectName('card-transactions', 'value', 'topic-record-name', transaction)).toBe(
      'card-transactions-fp.cards.Transaction',
    );
  });

  it('takes a dotted name as the full name, ignoring namespace', () => {
    expect(
      subjectName('t', 'value', 'record-name', { type: 'record', name: 'a.b.C', namespace: 'x', fields: [] }),
    ).toBe('a.b.C');
  });

  it('rejects a record-name strategy without a named schema with SCHEMA_REGISTRY_INVALID_OPTIONS', () => {
    expect(() => subjectName('t', 'value', 'record-name')).toThrow(
      expect.objectContaining({ code: 'SCHEMA_REGISTRY_INVALID_OPTIONS' }),
    );
    expect(() => subjectName('t', 'key', 'topic-record-name', 'string')).toThrow(/needs a named Avro record schema/);
  });
});
