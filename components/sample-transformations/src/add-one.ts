import type { Stream } from '@fp/topology';

/**
 * The smallest stateless map: every value plus one, the key kept. Copy it as the shape of a
 * stateless transformation: a function from a `Stream` to a `Stream`, with a step name.
 *
 * @example
 * addOne(topology.stream('read-numbers', { topic: 'numbers', key: stringSerde, value: numberSerde }))
 *   .to('write', { topic: 'numbers-plus-one', key: stringSerde, value: numberSerde });
 */
export function addOne<K>(stream: Stream<K, number>, options: { readonly stepName?: string } = {}): Stream<K, number> {
  return stream.mapValues(options.stepName ?? 'add-one', (value) => value + 1);
}
