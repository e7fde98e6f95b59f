import { numberSerde, stringSerde } from '@fp/serdes';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { createTopology, type Stream } from '@fp/topology';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { addOne } from './add-one';

describe('addOne()', () => {
  it('adds one to each value and keeps the key', () => {
    const topology = createTopology('add-one-test');
    addOne(topology.stream('read', { topic: 'in', key: stringSerde, value: numberSerde })).to('write', {
      topic: 'out',
      key: stringSerde,
      value: numberSerde,
    });
    const driver = createTestDriver(topology);
    driver.pipe('in', 'a', 1);
    driver.pipe('in', 'b', 41);
    expect(driver.output('out').map(({ key, value }) => [key, value])).toEqual([
      ['a', 2],
      ['b', 42],
    ]);
  });

  it('can be applied twice in one topology under different step names', () => {
    const topology = createTopology('add-two');
    const numbers = topology.stream('read', { topic: 'in', key: stringSerde, value: numberSerde });
    addOne(addOne(numbers), { stepName: 'add-another-one' }).to('write', {
      topic: 'out',
      key: stringSerde,
      value: numberSerde,
    });
    const driver = createTestDriver(topology);
    driver.pipe('in', 'a', 40);
    expect(driver.output('out').map(({ value }) => value)).toEqual([42]);
  });

  it('keeps the key type', () => {
    expectTypeOf(addOne<number>).returns.toEqualTypeOf<Stream<number, number>>();
  });
});
