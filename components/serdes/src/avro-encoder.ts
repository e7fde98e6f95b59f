import type avro from 'avsc';

/** Start size of the reused encode buffer; it grows to the largest record seen. */
const INITIAL_SCRATCH_BYTES = 16 * 1024;

/**
 * Encodes values of one Avro type, each after a fixed `header` (the Confluent magic byte and schema
 * id, or nothing). Every value is written into one reused scratch buffer and copied out into a
 * `Buffer.allocUnsafe` of its exact size, which Node carves from its shared pool: avsc's
 * `toBuffer` instead zero-fills a fresh buffer of its own per value, which costs twice the time
 * and one more object for the garbage collector (measured: 0.46M against 1.0-1.3M card
 * transactions/s).
 *
 * @throws whatever avsc throws for a value that does not fit the type (callers name the fields)
 */
export function createAvroEncoder(type: avro.Type, header: Buffer = Buffer.alloc(0)): (value: unknown) => Buffer {
  let scratch = withHeader(Buffer.allocUnsafe(INITIAL_SCRATCH_BYTES), header);
  return (value) => {
    let end = type.encode(value, scratch, header.length);
    if (end < 0) {
      // avsc reports how many bytes were missing; grow once to fit.
      scratch = withHeader(Buffer.allocUnsafe(2 * (scratch.length - end)), header);
      end = type.encode(value, scratch, header.length);
    }
    const encoded = Buffer.allocUnsafe(end);
    scratch.copy(encoded, 0, 0, end);
    return encoded;
  };
}

function withHeader(scratch: Buffer, header: Buffer): Buffer {
  header.copy(scratch, 0);
  return scratch;
}
