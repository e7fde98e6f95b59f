const BASE_NAME = /-(worker|cli)$/;

/** What a base's name says it is: `<what>-worker` runs a pipeline, `<what>-cli` is one-shot. */
export interface BaseKind {
  readonly kind: 'worker' | 'cli';
  /** The name without its suffix: a worker's pipeline, its application id and topic prefix (`card-features`). */
  readonly pipelineName: string;
}

/** The kind of the base called `fileName`, `undefined` when the name ends in neither suffix. */
export function baseKindOf(fileName: string): BaseKind | undefined {
  const kind = BASE_NAME.exec(fileName)?.[1];
  return kind === 'worker' || kind === 'cli' ? { kind, pipelineName: fileName.replace(BASE_NAME, '') } : undefined;
}
