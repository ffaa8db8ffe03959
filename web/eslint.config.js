// Lint rules of the web app. Besides the usual TypeScript, React-hooks and accessibility
// rules, the import rules keep the folder tree honest (bulletproof-react's layering):
//   app → features → components/lib/config/locales; a feature never imports another feature
//   (shared code moves down into components/ or lib/), and nothing imports in a cycle.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/lib/api/schema.d.ts', 'e2e/output'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y, 'import-x': importX },
    settings: {
      'import-x/resolver': { typescript: true, node: true },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Autofocus moves focus into a dialog's first field, which is what keyboard users want.
      'jsx-a11y/no-autofocus': 'off',
      // Warns that a library (TanStack Virtual) is not memoizable by the React Compiler; the
      // app does not use the compiler, so there is nothing to act on.
      'react-hooks/incompatible-library': 'off',
      // `const { id, ...rest } = props` is how a component drops a prop before passing the rest on.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // Shared layers know no feature and no app wiring.
            { target: './src/lib', from: ['./src/features', './src/app'] },
            { target: './src/components', from: ['./src/features', './src/app'] },
            { target: './src/config', from: ['./src/features', './src/app', './src/components'] },
            // Features do not reach into the app shell...
            { target: './src/features', from: './src/app' },
            // ...nor into each other.
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: './src/features',
              except: [`./${feature}`],
            })),
          ],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'e2e/**/*.{ts,mjs}', '*.config.{js,ts,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
