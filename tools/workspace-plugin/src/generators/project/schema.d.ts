export interface ProjectGeneratorSchema {
  name: string;
  base: string;
  skipInstall?: boolean;
}
