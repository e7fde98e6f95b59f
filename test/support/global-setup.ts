import type { TestProject } from 'vitest/node';
import { resolveTestServices } from './services';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
    schemaRegistryUrl: string;
  }
}

/** Resolves Kafka and the registry once for the whole run and hands their addresses to every test file. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const services = await resolveTestServices();
  project.provide('kafkaBrokers', services.kafkaBrokers);
  project.provide('schemaRegistryUrl', services.schemaRegistryUrl);
  return services.stop;
}
