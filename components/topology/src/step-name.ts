import { TopologyError } from './errors';

const STEP_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Step names become topic and store names, so they are kebab-case and unique within a topology. */
export function requireStepName(name: string, taken: ReadonlySet<string>): void {
  if (!STEP_NAME.test(name)) {
    throw new TopologyError(
      'TOPOLOGY_INVALID_STEP_NAME',
      `step name "${name}" must be kebab-case (lower-case letters and digits separated by single dashes, e.g. "agg-10m"): it names topics and state stores`,
    );
  }
  if (taken.has(name)) {
    throw new TopologyError(
      'TOPOLOGY_DUPLICATE_STEP_NAME',
      `step name "${name}" is already used in this topology; every step needs its own name because state and changelog topics derive from it`,
    );
  }
}
