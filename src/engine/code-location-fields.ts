/**
 * Fields of a JSON log line that name the code that wrote it: OpenTelemetry's code attributes
 * (`code.file.path`, `code.line.number`, `code.function.name`, the older `code.filepath`,
 * `code.lineno`, `code.function`), GCP's `logging.googleapis.com/sourceLocation`, bunyan's
 * `src`, and a logger's `caller` (`orders/handler.go:88`). A line's template keeps their values
 * (template.ts), so the statement keys the site and reports can name it; only values shaped like
 * a path, a line number or a function name are kept, so no logged data can pass through here.
 */

/** Which part of a code location a field path holds, if any. */
export type CodeLocationPart = 'file' | 'line' | 'function' | 'caller';

const PARTS: Array<[RegExp, CodeLocationPart]> = [
  [/(?:^|\.)code\.(?:file\.path|filepath)$/, 'file'],
  [/(?:^|\.)code\.(?:line\.number|lineno)$/, 'line'],
  [/(?:^|\.)code\.(?:function\.name|function)$/, 'function'],
  [/(?:^|\.)(?:logging\.googleapis\.com\/sourceLocation|src)\.file$/, 'file'],
  [/(?:^|\.)(?:logging\.googleapis\.com\/sourceLocation|src)\.line$/, 'line'],
  [/(?:^|\.)(?:logging\.googleapis\.com\/sourceLocation|src)\.(?:function|func)$/, 'function'],
  [/^caller$/, 'caller'],
];

/** Every path PARTS matches holds one of these. */
const MAY_NAME_CODE = /code|src|caller|sourceLocation/;

const SHAPES: Record<CodeLocationPart, RegExp> = {
  file: /^[\w.@/\\-]{1,200}\.\w{1,10}$/,
  line: /^\d{1,7}$/,
  function: /^[\w.$<>()*/:-]{1,200}$/,
  caller: /^[\w.@/\\-]{1,200}\.\w{1,10}:\d{1,7}$/,
};

/** The part a field holds when its path names one and its value has that part's shape. */
export function toCodeLocationPart(path: string, value: string): CodeLocationPart | undefined {
  // Most leaves name no code location: one test settles them before the part patterns.
  if (!MAY_NAME_CODE.test(path)) return undefined;
  // `attributes["code.file.path"]`: a key holding dots, as JSON paths write it.
  const dotted = path.replace(/\["((?:[^"\\]|\\.)*)"\]/g, '.$1');
  const part = PARTS.find(([pattern]) => pattern.test(dotted))?.[1];
  return part !== undefined && SHAPES[part].test(value) ? part : undefined;
}
