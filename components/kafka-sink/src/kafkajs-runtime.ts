import * as kafkajsNamespace from 'kafkajs';

/**
 * kafkajs is CommonJS. Under Node's native ESM (tsx scripts) only the names Node's lexer detects
 * are named exports (`CompressionCodecs` is not); the full `module.exports` is the `default`.
 * Bundled (esbuild, CJS) or under vitest, the namespace already holds everything.
 */
export const kafkajs: typeof kafkajsNamespace =
  (kafkajsNamespace as unknown as { default?: typeof kafkajsNamespace }).default ?? kafkajsNamespace;
