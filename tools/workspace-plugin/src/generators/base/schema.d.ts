export interface BaseGeneratorSchema {
  name: string;
  description?: string;
  skipInstall?: boolean;
}
