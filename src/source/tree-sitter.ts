/**
 * The parser: tree-sitter's runtime and grammars compiled to WebAssembly, as VS Code ships them
 * (one package, no native build), loaded once per process and only when a source is indexed.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import treeSitter from '@vscode/tree-sitter-wasm';
import type { Language, Parser } from '@vscode/tree-sitter-wasm';

const wasmFolder = path.dirname(createRequire(import.meta.url).resolve('@vscode/tree-sitter-wasm'));

let runtime: Promise<void> | undefined;
const parsers = new Map<string, Promise<Parser>>();

async function createParser(grammar: string): Promise<Parser> {
  runtime ??= treeSitter.Parser.init({ locateFile: (file: string) => path.join(wasmFolder, file) });
  await runtime;
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
