import { PipelineError } from '@fp/errors';
import { tumbling } from '@fp/windowing';
import { createMemoryWindowStateStore } from '@fp/windowing/testing';
import { describe, expect, it } from 'vitest';
import * as joins from './index';

describe('@fp/joins interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(joins).sort()).toEqual([
      'JoinsError',
      'createIntervalJoin',
      'createStreamTableJoin',
      'createVersionedTable',
      'createWindowJoin',
      'joinsErrorCodes',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new joins.JoinsError('JOINS_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'JoinsError',
      code: 'JOINS_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });

  it('pairs bookings with payments within an hour, and prices orders at the rate valid when they were placed', () => {
    const hourMs = 3_600_000;
    const payments = joins.createIntervalJoin({
      beforeMs: 0,
      afterMs: hourMs,
      joinType: 'left',
      joiner: (booking: string, payment: string | null) => ({ booking, payment }),
      leftStore: createMemoryWindowStateStore(),
      rightStore: createMemoryWindowStateStore(),
    });
    payments.addLeft('b1', 0, 'booking-1');
    payments.addLeft('b2', 0, 'booking-2');
    expect(payments.addRight('b1', hourMs, 'payment-1').joined).toEqual([
      { key: 'b1', timestampMs: hourMs, value: { booking: 'booking-1', payment: 'payment-1' } },
    ]);
    expect(payments.advanceWatermark(hourMs)).toEqual([
      { key: 'b2', timestampMs: 0, value: { booking: 'booking-2', payment: null } },
    ]);

    const rates = joins.createVersionedTable<number>({ retentionMs: hourMs, store: createMemoryWindowStateStore() });
    const pricing = joins.createStreamTableJoin({
      table: rates,
      mode: 'point-in-time',
      joinType: 'inner',
      store: createMemoryWindowStateStore(),
      joiner: (amount: number, rate: number) => amount * rate,
    });
    rates.upsert('USD', 0, 0.5);
    pricing.add('USD', 100, 10);
    rates.upsert('USD', 101, 0.25); // after the order: does not apply to it
    expect(pricing.advanceWatermark(200)).toEqual([{ key: 'USD', timestampMs: 100, value: 5 }]);

    const views = joins.createWindowJoin({
      spec: tumbling({ sizeMs: 60_000, allowedLatenessMs: 0 }),
      joiner: (click: string, view: string) => `${click}/${view}`,
      leftStore: createMemoryWindowStateStore(),
      rightStore: createMemoryWindowStateStore(),
    });
    views.addLeft('u', 1_000, 'click');
    views.addRight('u', 59_999, 'view');
    expect(views.advanceWatermark(59_999).map((pair) => pair.value)).toEqual(['click/view']);
  });
});
