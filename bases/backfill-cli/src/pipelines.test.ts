import { describe, expect, it } from 'vitest';
import { backfillPipelines } from './pipelines';

describe('backfillPipelines', () => {
  it.each([...backfillPipelines])(
    '%s: its inputs feed source steps of its topology, which writes its view',
    (_name, pipeline) => {
      const topology = pipeline.buildTopology();
      const sources = topology.nodes.flatMap((node) => (node.kind === 'source' ? [node.name] : []));
      const sinkTopics = topology.nodes.flatMap((node) => (node.kind === 'sink' ? [node.options.topic] : []));
      expect(sources).toEqual(Object.values(pipeline.inputs).map((input) => input.sourceStep));
      expect(sinkTopics).toContain(pipeline.view.topic);
    },
  );
});
