import nx from '@nx/eslint-plugin';

// Kafka clients may only be imported by `layer:io` components (DESIGN.md section 2).
const kafkaClients = ['kafkajs', '@kafkajs/*', '@confluentinc/*', '@platformatic/kafka'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', '**/.cache', '**/.run', '**/*.timestamp*', '**/files/**'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            // What each kind of brick may use (Polylith: bases and components, never projects).
            { sourceTag: 'type:component', onlyDependOnLibsWithTags: ['type:component'] },
            { sourceTag: 'type:base', onlyDependOnLibsWithTags: ['type:component'] },
            { sourceTag: 'type:project', onlyDependOnLibsWithTags: ['type:base'] },
            { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:base', 'type:component'] },
            { sourceTag: 'type:development', onlyDependOnLibsWithTags: ['type:base', 'type:component'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: [] },
            // Pure components never reach I/O; adapters may use pure components.
            { sourceTag: 'layer:core', onlyDependOnLibsWithTags: ['layer:core'], bannedExternalImports: kafkaClients },
            { sourceTag: 'layer:io', onlyDependOnLibsWithTags: ['layer:core', 'layer:io'] },
          ],
        },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts', '**/src/testing.ts', '**/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@fp/*/testing'], message: 'Test kits are for tests only.' }] },
      ],
    },
  },
];
