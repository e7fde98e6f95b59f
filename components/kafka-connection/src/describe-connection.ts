import type { KafkaConnectionOptions } from './kafka-connection-options';

export const REDACTED = '[redacted]';

/** What a log line may say about a connection: where and who, never a secret. */
export interface ConnectionDescription {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly ssl: boolean;
  readonly sasl?: { readonly mechanism: string; readonly username: string; readonly password: typeof REDACTED };
}

/** A loggable summary of the options: the SASL password and TLS keys are replaced or left out. */
export function describeConnection(options: KafkaConnectionOptions): ConnectionDescription {
  return {
    brokers: [...options.brokers],
    clientId: options.clientId,
    ssl: options.ssl !== undefined && options.ssl !== false,
    ...(options.sasl === undefined
      ? {}
      : { sasl: { mechanism: options.sasl.mechanism, username: options.sasl.username, password: REDACTED } }),
  };
}

/** The secret strings held in the options (SASL password, TLS private key and passphrase). */
export function connectionSecrets(options: KafkaConnectionOptions): string[] {
  const secrets: string[] = [];
  if (options.sasl?.password) {
    secrets.push(options.sasl.password);
  }
  if (typeof options.ssl === 'object') {
    for (const value of [options.ssl.key, options.ssl.passphrase, options.ssl.pfx].flat()) {
      if (typeof value === 'string' && value !== '') {
        secrets.push(value);
      } else if (Buffer.isBuffer(value) && value.length > 0) {
        secrets.push(value.toString('utf8'));
      }
    }
  }
  return secrets;
}

/**
 * Replaces every occurrence of the connection's secrets in `text`. Used on every log line and error
 * message this brick (and the Kafka bricks) produce, as a second line of defence after
 * `describeConnection`: a broker or library may echo what it was sent.
 */
export function redactSecrets(text: string, options: KafkaConnectionOptions): string {
  let redacted = text;
  for (const secret of connectionSecrets(options)) {
    redacted = redacted.split(secret).join(REDACTED);
  }
  return redacted;
}
