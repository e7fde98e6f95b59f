import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Scripts, tests and tooling talk to a terminal, and may use any brick's test kit.
    rules: { 'no-console': 'off', 'no-restricted-imports': 'off' },
  },
];
