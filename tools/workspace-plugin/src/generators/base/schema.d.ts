export interface BaseGeneratorSchema {
  name: string;
  description?: string;
  /** A worker that runs the topology of this component (the pipeline generator's). */
  component?: string;
  skipInstall?: boolean;
}
