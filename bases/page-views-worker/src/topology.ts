import { buildPageViewsTopology } from '@fp/page-views';
import type { Topology } from '@fp/topology';
import type { PageViewsWorkerConfig } from './config';

/** The `page-views` topology as configured: wiring only, the logic is in `@fp/page-views`. */
export function buildTopology(config: PageViewsWorkerConfig): Topology {
  return buildPageViewsTopology({
    // As Kafka Streams' application.id: the prefix of the internal topics, so two deployments never share them.
    applicationId: config.worker.applicationId,
    inputTopic: config.topics.input,
    outputTopic: config.topics.output,
    onBadRecord: config.worker.onBadRecord,
    ...(config.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: config.idleTimeoutMs }),
  });
}
