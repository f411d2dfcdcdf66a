import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'functions/lib/**',
      '**/dist/**',
      '.emulators/**',
      '.emulator-data/**',
      '.test-results/**',
      '.maildev/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'scripts/*.d.mts', 'vitest.config.ts', 'playwright.config.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The web bundles share the SOP with the server through the pure domain only.
    files: ['hosting/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'functions/src/(?!domain/)',
              message: 'The web pages import only the pure domain (functions/src/domain/).',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no Firebase, no Node-only modules (the web page bundles it).
    files: ['functions/src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(firebase|firebase-admin|firebase-functions)(/|$)|^@google-cloud/|^node:', message: 'The domain is pure TypeScript.' },
            {
              regex: '^(\\.\\./)+(firebase|cases|letter|uploads|mail|http|callables|triggers|audit)/|^(\\.\\./)+(index|schemas)\\.js$',
              message: 'The domain imports only the domain.',
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts and benchmarks print their figures; tests use console for diagnostics.
    files: ['scripts/**', 'bench/**', 'test/**', '*.config.*', 'eslint.config.js'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
);
