// ESLint owns correctness, Prettier (.prettierrc.json) owns layout: `npm run lint` runs both.
//
// TypeScript 7 (the native port) ships no compiler API, and typescript-eslint parses through that
// API (even without type information), so it cannot load TypeScript 7. package.json therefore
// installs the two side by side, the way the TypeScript 7 release notes describe: the package
// named `typescript` is @typescript/typescript6 (the TypeScript 6 API, which is what
// typescript-eslint requires), and `tsc` comes from TypeScript 7 under the alias
// @typescript/native. Drop the alias once typescript-eslint supports TypeScript 7's API.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'test/report/golden/',
      'test/bench/corpus/',
      'test/bench/corpus-lines/',
      'fixtures/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Plain JavaScript (bin/, benchmarks, this file) is in no tsconfig: lint it without types.
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    rules: {
      // A parameter a shared signature requires but one implementation ignores is named `_x`.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // An async contract (a Promise-returning method, an async generator fake) may have nothing to await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // vitest types its asymmetric matchers (expect.stringMatching, expect.objectContaining) as any.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // Turns off every rule that would fight Prettier; anything after this line must not be layout.
  prettier,
  {
    rules: {
      // Prettier wraps code at 120 columns but never comments or long literals: this catches
      // comments (and code Prettier could not break) past 120, and lets strings, template
      // literals, regular expressions and URLs run on, since splitting them hurts more.
      'max-len': [
        'error',
        {
          code: 120,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
        },
      ],
    },
  },
);
