// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Dependency direction (docs/design.md): features → steps → simulators → harness → libraries.
// cli is the composition root; nothing imports steps or cli; harness never imports simulators;
// only harness imports the MQTT libraries.
const mqttLibraries = ['mqtt', 'mqtt-packet', 'aedes', 'aedes-*'].map((name) => ({
  group: [name, `${name}/*`],
  message: 'Only harness/ talks to MQTT libraries; use the harness session wrapper.',
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test reports a rejected test itself; awaiting test() at top level is not needed.
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['harness/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/simulators/**', '**/steps/**', '**/cli/**'],
              message: 'harness never imports simulators, steps or cli.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['simulators/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/steps/**', '**/cli/**'], message: 'simulators never import steps or cli.' },
            ...mqttLibraries,
          ],
        },
      ],
    },
  },
  {
    files: ['steps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/**'], message: 'steps never import cli.' }, ...mqttLibraries] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
