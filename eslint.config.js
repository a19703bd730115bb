// House rules: typescript-eslint's recommended set plus the store-review rules that
// matter for an extension that runs on pages where card numbers are typed.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const unsafeHtml = [
  {
    selector: 'AssignmentExpression > MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
    message: 'No innerHTML/outerHTML: build nodes or use Preact (store reviewers reject it).',
  },
  {
    selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
    message: 'No insertAdjacentHTML: build nodes or use Preact.',
  },
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'No dangerouslySetInnerHTML.',
  },
  {
    selector: "CallExpression[callee.object.name='document'][callee.property.name='write']",
    message: 'No document.write.',
  },
];

// The page fence: code that runs on carrier pages (every page pays for its bytes and its
// main-thread time) imports no database, no zod values and nothing of the background or the
// popup. Types may cross (they cost nothing); values only from the page-safe modules.
export const PAGE_CODE = [
  'entrypoints/carrier.content/**',
  'components/overlay/**',
  'utils/reading/**',
  'utils/content/**',
  'utils/carriers/**',
  'utils/protocol/send.ts',
  'utils/domain/time.ts',
  // Shared with the popup: what to say about a lapsing line, and the carriers' words.
  'utils/domain/guidance.ts',
  'utils/domain/glossary.ts',
];
// Not format, i18n, catalog or error-text: the background writes the overlay's text
// (utils/background/overlay-text.ts), so no page builds a catalog or an Intl formatter.
const PAGE_SAFE_DOMAIN = ['time', 'guidance', 'glossary'];
const pageFence = [
  {
    group: ['dexie', 'dexie/*'],
    message: 'No database on carrier pages: the content script only sends messages.',
  },
  {
    group: ['zod', 'zod/*'],
    allowTypeImports: true,
    message: 'No zod values on carrier pages (size): import types only; the background validates.',
  },
  {
    group: ['**/background/**', '**/popup/**', '**/components/popup/**', '**/protocol/messages'],
    allowTypeImports: true,
    message: 'Carrier pages import no background or popup code (types only).',
  },
  {
    group: ['**/domain/*', ...PAGE_SAFE_DOMAIN.map((name) => `!**/domain/${name}`)],
    allowTypeImports: true,
    message: `On carrier pages only ${PAGE_SAFE_DOMAIN.join(', ')} of utils/domain are page-safe values; the rest carries zod or database rules (types only).`,
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      // Private build folders (LINEKEEPER_OUT_DIR=.output-bench and the like).
      '.output-*/',
      '.wxt/',
      'test-results/',
      'playwright-report/',
      'demo-output/',
      'bench-output/',
      'tests/fixtures/**/*.html',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...unsafeHtml],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: PAGE_CODE.map((glob) => (glob.endsWith('**') ? `${glob}/*.{ts,tsx}` : glob)),
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: pageFence }],
    },
  },
);
