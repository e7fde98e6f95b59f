export interface ComponentGeneratorSchema {
  name: string;
  layer?: 'core' | 'io';
  description?: string;
  skipInstall?: boolean;
}
