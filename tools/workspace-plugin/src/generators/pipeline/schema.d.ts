export interface PipelineGeneratorSchema {
  name: string;
  description?: string;
  skipInstall?: boolean;
}
