/**
 * The languages whose log statements are indexed: which grammar parses a file, and the node
 * types that are calls and string literals in it. Fields (`function`, `object`, `arguments`…)
 * are the grammars' own names.
 */

/** How one language's syntax tree is read. */
export interface LanguageSpec {
  /** Grammar file name: `tree-sitter-<grammar>.wasm`. */
  grammar: string;
  /** Node types of calls. */
  calls: readonly string[];
  /** Node types of string literals, plain or interpolated. */
  strings: readonly string[];
  /** Node types inside a string literal that are substituted values (`${x}`, `{x}`, `#{x}`). */
  interpolations: readonly string[];
}

const JS: Omit<LanguageSpec, 'grammar'> = {
  calls: ['call_expression'],
  strings: ['string', 'template_string'],
  interpolations: ['template_substitution'],
};

const SPECS: Record<string, LanguageSpec> = {
  java: {
    grammar: 'java',
    calls: ['method_invocation'],
    strings: ['string_literal'],
    interpolations: [],
  },
  python: {
    grammar: 'python',
    calls: ['call'],
    strings: ['string'],
    interpolations: ['interpolation'],
  },
  javascript: { grammar: 'javascript', ...JS },
  typescript: { grammar: 'typescript', ...JS },
  tsx: { grammar: 'tsx', ...JS },
  go: {
    grammar: 'go',
    calls: ['call_expression'],
    strings: ['interpreted_string_literal', 'raw_string_literal'],
    interpolations: [],
  },
  csharp: {
    grammar: 'c-sharp',
    calls: ['invocation_expression'],
    strings: ['string_literal', 'verbatim_string_literal', 'raw_string_literal', 'interpolated_string_expression'],
    interpolations: ['interpolation'],
  },
  ruby: {
    grammar: 'ruby',
    calls: ['call', 'method_call'],
    strings: ['string'],
    interpolations: ['interpolation'],
  },
};

const BY_EXTENSION: Record<string, keyof typeof SPECS> = {
  '.java': 'java',
  '.py': 'python',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.go': 'go',
  '.cs': 'csharp',
  '.rb': 'ruby',
};

/** The language of a file by its extension (`.java`), or undefined when none is indexed. */
export function languageOf(extension: string): LanguageSpec | undefined {
  const name = BY_EXTENSION[extension.toLowerCase()];
  return name === undefined ? undefined : SPECS[name];
}
