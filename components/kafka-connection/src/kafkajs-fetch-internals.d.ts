// kafkajs ships no types for its protocol internals; read-committed-fix.ts needs only `parse` of the fetch responses.
declare module 'kafkajs/src/protocol/requests/fetch/v4/response.js' {
  const response: { parse: (data: unknown) => Promise<unknown> };
  export = response;
}
declare module 'kafkajs/src/protocol/requests/fetch/v5/response.js' {
  const response: { parse: (data: unknown) => Promise<unknown> };
  export = response;
}
declare module 'kafkajs/src/protocol/requests/fetch/v6/response.js' {
  const response: { parse: (data: unknown) => Promise<unknown> };
  export = response;
}
declare module 'kafkajs/src/protocol/requests/fetch/v7/response.js' {
  const response: { parse: (data: unknown) => Promise<unknown> };
  export = response;
}
declare module 'kafkajs/src/protocol/requests/fetch/v8/response.js' {
  const response: { parse: (data: unknown) => Promise<unknown> };
  export = response;
}
declare module 'kafkajs/src/protocol/requests/fetch/v9/response.js' {
  const response: { parse: (data: unknown) => Promise<unknown> };
  export = response;
}
declare module 'kafkajs/src/protocol/requests/fetch/v10/response.js' {
  const response: { parse: (data: unknown) => Promise<unknown> };
  export = response;
}
declare module 'kafkajs/src/protocol/requests/fetch/v11/response.js' {
  const response: { parse: (data: unknown) => Promise<unknown> };
  export = response;
}
// The test checks the fix against kafkajs' own Batch, which decides whether the position moves.
declare module 'kafkajs/src/consumer/batch.js' {
  class Batch {
    constructor(topic: string, fetchedOffset: string, partitionData: unknown);
    isEmpty(): boolean;
    isEmptyDueToFiltering(): boolean;
    lastOffset(): string;
  }
  export = Batch;
}
