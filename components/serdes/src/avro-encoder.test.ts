import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { createAvroEncoder } from './avro-encoder';

const type = avro.Type.forSchema({
  type: 'record',
  name: 'Note',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'text', type: 'string' },
  ],
});

describe('createAvroEncoder', () => {
  it('writes the same bytes as avsc, after the header', () => {
    const header = Buffer.from([0, 0, 0, 0, 42]);
    const encode = createAvroEncoder(type, header);
    const value = { id: 7, text: 'hello' };
    expect(encode(value)).toEqual(Buffer.concat([header, type.toBuffer(value)]));
    expect(createAvroEncoder(type)(value)).toEqual(type.toBuffer(value));
  });

  it('hands out buffers that later encodes do not overwrite', () => {
    const encode = createAvroEncoder(type);
    const first = encode({ id: 1, text: 'first' });
    const copy = Buffer.from(first);
    encode({ id: 2, text: 'second, longer' });
    expect(first).toEqual(copy);
  });

  it('grows past its scratch buffer and keeps the header', () => {
    const header = Buffer.from([0, 0, 0, 0, 9]);
    const encode = createAvroEncoder(type, header);
    const large = { id: 3, text: 'x'.repeat(100_000) };
    const small = { id: 4, text: 'small' };
    expect(encode(large)).toEqual(Buffer.concat([header, type.toBuffer(large)]));
    expect(encode(small)).toEqual(Buffer.concat([header, type.toBuffer(small)]));
  });
});
