/**
 * The parser: tree-sitter's runtime and grammars compiled to WebAssembly, as VS Code ships them
 * (one package, no native build), loaded once per process and only when a source is indexed:
 * its JavaScript is imported then too, since every scan reaches this module and few index code.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Language, Parser } from '@vscode/tree-sitter-wasm';

type TreeSitter = typeof import('@vscode/tree-sitter-wasm');

let runtime: Promise<{ treeSitter: TreeSitter; wasmFolder: string }> | undefined;
const parsers = new Map<string, Promise<Parser>>();

async function loadRuntime(): Promise<{ treeSitter: TreeSitter; wasmFolder: string }> {
  const treeSitter = (await import('@vscode/tree-sitter-wasm')).default;
  const wasmFolder = path.dirname(createRequire(import.meta.url).resolve('@vscode/tree-sitter-wasm'));
  await treeSitter.Parser.init({ locateFile: (file: string) => path.join(wasmFolder, file) });
  return { treeSitter, wasmFolder };
}

async function createParser(grammar: string): Promise<Parser> {
  const { treeSitter, wasmFolder } = await (runtime ??= loadRuntime());
  const language: Language = await treeSitter.Language.load(path.join(wasmFolder, `tree-sitter-${grammar}.wasm`));
  const parser = new treeSitter.Parser();
  parser.setLanguage(language);
  return parser;
}

/** The process's parser for one grammar (`java`, `python`, `tsx`…), named as its `tree-sitter-<name>.wasm`. */
export function parserFor(grammar: string): Promise<Parser> {
  let parser = parsers.get(grammar);
  if (parser === undefined) parsers.set(grammar, (parser = createParser(grammar)));
  return parser;
}
