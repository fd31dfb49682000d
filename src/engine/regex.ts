/**
 * The one seam to the regex engine. Every pattern piiscan runs (built-in detectors and, later,
 * patterns from the config) goes through RE2, so matching time is linear in the input whatever
 * the input or the pattern: no catastrophic backtracking, no lookbehind, no backreferences.
 */
import { isAscii } from 'node:buffer';

import RE2 from 're2';

/** A match in a string, with offsets in UTF-16 code units. */
export interface TextMatch {
  /** The whole match. */
  text: string;
  index: number;
  /** The `value` group when the pattern has one, else the whole match. */
  value: string;
  valueIndex: number;
}

/** A compiled pattern for strings. */
export interface TextPattern {
  /** `bytes`: the text as UTF-8, when the caller has it (spares an encoding of a long text). */
  matchAll(text: string, bytes?: Buffer): TextMatch[];
}

/**
 * An RE2 pattern for use on strings (RE2 throws its message on bad syntax at the first match). All
 * matches come from one native `replace` call with a callback, which is cheaper than an `exec` loop.
 *
 * On a string, node-re2 gives each match's UTF-16 offset by counting from the text's start, so
 * a call costs the text's length times its matches. Long texts therefore go to RE2 as UTF-8
 * bytes, where offsets come free, and the offsets are turned into UTF-16 ones while walking
 * forward once; short texts keep the string call, which is cheaper per match.
 */
export function compileTextPattern(source: string): TextPattern {
  // Compiled on first use: most of a scan's patterns never reach stage two, and compiling them
  // all is a noticeable part of a short scan. Config patterns are checked when read (checkPattern).
  //
  // A pattern with Unicode property classes has a loose twin (toLooseSource) that matches the
  // same on ASCII text, where most log lines are: the exact classes cost RE2 a large program,
  // whose DFA gives up on ordinary lines and leaves them to its slow NFA. Other text gets the
  // exact pattern.
  const loose = toLooseSource(source);
  let exact: RE2 | undefined;
  let ascii: RE2 | undefined;
  return {
    matchAll(text, bytes) {
      const re =
        loose !== source && (bytes ? isAscii(bytes) : Buffer.byteLength(text) === text.length)
          ? (ascii ??= new RE2(loose, 'gu'))
          : (exact ??= new RE2(source, 'gu'));
      return text.length > LONG_TEXT ? matchBytes(re, text, bytes) : matchString(re, text);
    },
  };
}

/** Texts longer than this (UTF-16 units) are matched as bytes: see compileTextPattern. */
export const LONG_TEXT = 4096;

function toTextMatch(match: string, index: number, value: string | undefined): TextMatch {
  if (value === undefined) return { text: match, index, value: match, valueIndex: index };
  // A value group ends its pattern in every detector; lastIndexOf covers any other.
  return {
    text: match,
    index,
    value,
    valueIndex: index + (match.endsWith(value) ? match.length - value.length : match.lastIndexOf(value)),
  };
}

function matchString(re: RE2, text: string): TextMatch[] {
  const out: TextMatch[] = [];
  re.replace(text, (...args: unknown[]) => {
    const match = args[0] as string;
    const groups =
      typeof args[args.length - 1] === 'object'
        ? (args[args.length - 1] as Record<string, string | undefined>)
        : undefined;
    out.push(toTextMatch(match, args[args.length - (groups ? 3 : 2)] as number, groups?.['value']));
    return match;
  });
  return out;
}

function matchBytes(re: RE2, text: string, given?: Buffer): TextMatch[] {
  const bytes = given ?? Buffer.from(text, 'utf8');
  const toUtf16 = createUtf16Counter(bytes);
  const out: TextMatch[] = [];
  // An exec loop rather than replace: replace also builds the whole replaced text, which on a
  // long text with few matches costs more than finding them.
  re.lastIndex = 0;
  for (let m = re.exec(bytes); m !== null; m = re.exec(bytes)) {
    out.push(toTextMatch(m[0].toString('utf8'), toUtf16(m.index), m.groups?.['value']?.toString('utf8')));
    if (m[0].length === 0) re.lastIndex = nextCharacter(bytes, m.index);
  }
  return out;
}

/** Byte offset of the character after the one at `at` (UTF-8). */
function nextCharacter(bytes: Buffer, at: number): number {
  let next = at + 1;
  while (next < bytes.length && (bytes[next]! & 0xc0) === 0x80) next++;
  return next;
}

/**
 * UTF-16 offsets of ascending byte offsets into UTF-8 `bytes`, each counted on from the last:
 * every byte that starts a character is one unit, and a four-byte character is two.
 */
export function createUtf16Counter(bytes: Buffer): (byteOffset: number) => number {
  if (isAscii(bytes)) return (byteOffset) => byteOffset;
  let at = 0;
  let units = 0;
  return (byteOffset) => {
    for (; at < byteOffset; at++) {
      const b = bytes[at]!;
      if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
    }
    return units;
  };
}

/** A search over raw bytes (UTF-8 lines) for the lines where any of many patterns may match. */
export interface ByteScanner {
  /** Byte offset of the next match at or after `from`, or -1. `from` is 0 or a line start (just past a newline). */
  next(buffer: Buffer, from: number): number;
  /** Starts of the lines (byte offsets, ascending) in which some pattern matches. */
  lineStarts(buffer: Buffer): number[];
  /** Passes a buffer gets now: one per union, more once slow unions are split (SplitTuning). */
  passes(): number;
}

/**
 * Compiles groups of patterns into one byte scanner: one union of them all, searched in one pass
 * of RE2's DFA. Named groups become non-capturing ones, and each alternative is wrapped so its
 * inline flags stay its own.
 *
 * node-re2's `exec` builds a result object per match (the match copied into a new Buffer, index,
 * input, groups), which costs more than the DFA's work on a short line; `search` returns only
 * the offset. It searches from the buffer's start, so the search goes over the rest of the buffer
 * from `from`, which is a line start: there `^` and `\b` see what they see after a newline.
 *
 * A union's DFA states are sets of its patterns' threads, so their number grows with the product
 * of what the patterns track at once: on repetitive text (most logs) the states are few and
 * cached, and one pass over many patterns is the cheapest; on varied text (digit runs that
 * several patterns count, mixed formats) they are built anew all the time. A union that searches
 * a window of text slower than SplitTuning allows, twice, is therefore split, each part searched
 * in its own pass from then on (and split again if it is slow too): the whole union first into
 * the groups given (patterns that are cheap together), a group into halves. A union and its parts
 * find the same lines, so the split changes only the time. lineStarts() hands the unions a large
 * buffer in slices of whole lines of at most a window, so a union too slow for its text is split
 * after a few windows of it, not a few buffers.
 */
export function compileByteScanner(
  groups: readonly (readonly string[])[],
  tuning: SplitTuning = DEFAULT_SCAN_TUNING,
): ByteScanner {
  const parts = groups.filter((g) => g.length > 0);
  const union = new Union(parts.flat(), tuning, parts.length > 1 ? parts : undefined);
  // A large buffer goes to the union in slices of whole lines, a window of the default timer at
  // most. A match that runs on past a line's end cannot make that line a candidate for stage two,
  // which reads lines alone, so cutting between lines loses no candidate.
  const slice = Math.min(DEFAULT_SCAN_TUNING.windowUnits, tuning.windowUnits);
  return {
    next: (buffer, from) => union.next(buffer, from),
    lineStarts(buffer) {
      if (buffer.length <= slice) return union.lineStarts(buffer);
      const found: number[] = [];
      for (let from = 0; from < buffer.length;) {
        const newline = buffer.indexOf(NEWLINE, from + slice - 1);
        const to = newline === -1 ? buffer.length : newline + 1;
        for (const start of union.lineStarts(buffer.subarray(from, to))) found.push(from + start);
        from = to;
      }
      return found;
    },
    passes: () => union.passes(),
  };
}

/**
 * When a union or a set is split (see compileByteScanner, compilePatternSet); tests force it. Its
 * searches are timed over a window that closes after `windowCalls` calls or `windowUnits` bytes
 * or UTF-16 units, whichever comes first; a window that took longer than `nsPerCall` a call plus
 * `nsPerUnit` a unit is slow.
 */
export interface SplitTuning {
  windowCalls: number;
  windowUnits: number;
  nsPerCall: number;
  nsPerUnit: number;
  /** Time one call in this many, standing for them all (a set's calls are many and short); else every call. */
  sampleEvery?: number;
}

/**
 * 10 MB/s over 64 KiB or more, in one buffer or many (many small files say as much as one large
 * chunk). A union that no longer fits RE2's DFA memory falls back to RE2's slow engine, which runs
 * at well under 10 MB/s from its first window (half a MB/s for every pattern over PII-dense text,
 * where its groups alone run at 50 and more), while a union that fits builds its states over its
 * first windows at 20 MB/s and more and then runs at hundreds: small windows and a low bar split
 * the one within a fraction of a second and never the other (docs/performance.md).
 */
const DEFAULT_SCAN_TUNING: SplitTuning = {
  windowCalls: Infinity,
  windowUnits: 64 * 1024,
  nsPerCall: 0,
  nsPerUnit: 100,
};

/**
 * Lines cost a DFA start each: the set's budget is per call as well as per unit. Calls are many
 * and short (one or two a line), and reading the clock twice a call cost about a tenth of the
 * sets' time.
 */
const DEFAULT_SET_TUNING: SplitTuning = {
  windowCalls: 2048,
  windowUnits: Infinity,
  nsPerCall: 2000,
  nsPerUnit: 50,
  sampleEvery: 8,
};

/** Windows that never close: a union or set never splits (benchmarks measuring one union itself, tests). */
export const NEVER_SPLIT: SplitTuning = { windowCalls: Infinity, windowUnits: Infinity, nsPerCall: 0, nsPerUnit: 0 };

/** This thread's CPU time in ms (user and system), which other threads and processes do not inflate. */
function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1e3;
}

/**
 * The timer a union or a set keeps: says when it has been slow over two windows.
 *
 * Calls are timed by the wall clock (cheap enough for one per line), which on a busy machine also
 * counts the time the thread waited for a core: under contention every union looked slow and split
 * down to one pass per pattern. So a window's time in calls is scaled by the share of its wall
 * time the thread had a core (its CPU time over the window, read once per window). Time the thread
 * spends waiting for input lowers that share too, which errs towards not splitting. The first call
 * (a new DFA building its first states) only starts the clock.
 */
class SlowWindows {
  private calls = 0;
  private units = 0;
  private ns = 0;
  private slow = 0;
  private openedMs: number | undefined;
  private openedCpuMs = 0;

  constructor(private readonly tuning: SplitTuning) {}

  /**
   * Counts one call begun at `startedMs` (performance.now()), standing for `weight` calls of its
   * size; true once two windows were slow (the caller splits).
   */
  record(startedMs: number, units: number, weight = 1): boolean {
    const now = performance.now();
    if (this.openedMs === undefined) return this.open(now, threadCpuMs());
    this.ns += (now - startedMs) * 1e6 * weight;
    this.units += units * weight;
    this.calls += weight;
    if (this.calls < this.tuning.windowCalls && this.units < this.tuning.windowUnits) return false;
    const cpuMs = threadCpuMs();
    const wallMs = now - this.openedMs;
    const share = wallMs > 0 ? Math.min(1, Math.max(0, (cpuMs - this.openedCpuMs) / wallMs)) : 1;
    const budget = this.calls * this.tuning.nsPerCall + this.units * this.tuning.nsPerUnit;
    // Twice, so that one window's DFA building or a stall of the machine alone does not split.
    const split = this.ns * share >= budget && ++this.slow === 2;
    this.open(now, cpuMs);
    return split;
  }

  private open(ms: number, cpuMs: number): false {
    this.openedMs = ms;
    this.openedCpuMs = cpuMs;
    this.calls = this.units = this.ns = 0;
    return false;
  }
}

/** A list of sources in two halves, with where the second starts. */
function halvesOf<T>(sources: readonly T[]): [readonly T[], readonly T[], number] {
  const half = Math.ceil(sources.length / 2);
  return [sources.slice(0, half), sources.slice(half), half];
}

/** A union of patterns searched in one pass, or, once found slow, its parts (its groups, else its halves). */
class Union {
  private re: RE2 | undefined;
  private parts: Union[] | undefined;
  private readonly timer: SlowWindows;

  constructor(
    private readonly sources: readonly string[],
    private readonly tuning: SplitTuning,
    private readonly groups?: readonly (readonly string[])[],
  ) {
    this.timer = new SlowWindows(tuning);
  }

  next(buffer: Buffer, from: number): number {
    if (this.parts !== undefined) {
      let nearest = -1;
      for (const part of this.parts) {
        const at = part.next(buffer, from);
        if (at !== -1 && (nearest === -1 || at < nearest)) nearest = at;
      }
      return nearest;
    }
    return this.search(buffer, from);
  }

  lineStarts(buffer: Buffer): number[] {
    if (this.parts !== undefined) return mergeAscending(this.parts.map((part) => part.lineStarts(buffer)));
    const started = performance.now();
    const found: number[] = [];
    for (let at = this.search(buffer, 0); at !== -1;) {
      found.push(at === 0 ? 0 : buffer.lastIndexOf(NEWLINE, at - 1) + 1);
      const newline = buffer.indexOf(NEWLINE, at);
      at = newline === -1 ? -1 : this.search(buffer, newline + 1);
    }
    if (this.sources.length > 1 && this.timer.record(started, buffer.length)) {
      const [first, second] = halvesOf(this.sources);
      this.parts = (this.groups ?? [first, second]).map((part) => new Union(part, this.tuning));
    }
    return found;
  }

  passes(): number {
    return this.parts === undefined ? 1 : this.parts.reduce((sum, part) => sum + part.passes(), 0);
  }

  private search(buffer: Buffer, from: number): number {
    this.re ??= new RE2(toUnionSource(this.sources), '');
    const at = this.re.search(from === 0 ? buffer : buffer.subarray(from));
    return at === -1 ? -1 : from + at;
  }
}

const NEWLINE = 0x0a;

/** The union of ascending lists, ascending and without repeats. */
function mergeAscending(lists: readonly number[][]): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/** A yes/no test of one pattern. */
export interface PatternTest {
  test(text: string | Buffer): boolean;
}

export function compilePatternTest(source: string): PatternTest {
  const re = new RE2(toNonCapturing(source), 'u');
  return { test: (text) => re.test(text) };
}

/** Which of many patterns match a text, in one pass. */
export interface PatternSet {
  /**
   * Indexes (into the sources given) of the patterns that match somewhere in `text`. Bytes (UTF-8)
   * are cheaper than a string.
   */
  matching(text: string | Buffer): number[];
  /** Sets a text is asked of now: one, more once a slow set is split (SplitTuning). */
  passes(): number;
}

/**
 * Unicode property classes as their ASCII members plus every non-ASCII character. RE2 turns a
 * class such as `\p{Lu}` into a UTF-8 automaton of hundreds of byte ranges, which costs compile
 * time at every start and DFA states on every line; a prefilter only has to let every real match
 * through, and the exact pattern runs after it. In a negated class the ASCII members alone are
 * the looser choice (`[^A-Za-z]` takes in all that `[^\p{L}]` does).
 */
const ASCII_MEMBERS: Record<string, string> = { L: 'A-Za-z', Lu: 'A-Z', Ll: 'a-z', N: '0-9' };
const NON_ASCII = String.raw`\x{80}-\x{10FFFF}`;

/**
 * A pattern that matches wherever `source` does, with its Unicode property classes loosened (see
 * ASCII_MEMBERS): on ASCII text it matches exactly what `source` does, elsewhere it may match
 * more. A class it cannot loosen (another property, `\P{..}`) is kept as written.
 */
export function toLooseSource(source: string): string {
  let out = '';
  // Where the open class's members start in `out` (after `[` or `[^`), or -1 outside a class.
  let members = -1;
  let negated = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (source.startsWith('\\Q', i)) {
      // Quoted text is literal to its `\E` (or the end).
      const end = source.indexOf('\\E', i + 2);
      out += end === -1 ? source.slice(i) : source.slice(i, end + 2);
      i = end === -1 ? source.length : end + 1;
    } else if (ch === '\\') {
      const property = /^\\p(?:\{(\w+)\}|(\w))/.exec(source.slice(i, i + 16));
      const ascii = property ? ASCII_MEMBERS[property[1] ?? property[2]!] : undefined;
      if (property && ascii !== undefined) {
        out += members === -1 ? `[${ascii}${NON_ASCII}]` : negated ? ascii : ascii + NON_ASCII;
        i += property[0].length - 1;
      } else {
        out += source.slice(i, i + 2);
        i++;
      }
    } else if (members !== -1 && source.startsWith('[:', i) && source.includes(':]', i)) {
      // A POSIX class (`[:alpha:]`) inside a class: its `]` does not close the outer one.
      const end = source.indexOf(':]', i);
      out += source.slice(i, end + 2);
      i = end + 1;
    } else {
      if (ch === '[' && members === -1) {
        negated = source[i + 1] === '^';
        members = out.length + (negated ? 2 : 1);
      } else if (ch === ']' && members !== -1 && out.length > members) members = -1;
      out += ch;
      // (A `]` right after `[` or `[^` is a member: the class goes on.)
    }
  }
  return out;
}

/**
 * An RE2.Set runs one DFA for all its patterns to the end of each text, so, as with a scanner's
 * union (see compileByteScanner), varied text can make it build states all the time. A set whose
 * calls cost more than SplitTuning allows over a window,
 * twice, is split into two halves, asked in turn from then on (and split again if slow too). The
 * halves give the same indexes, so the split changes only the time.
 */
export function compilePatternSet(sources: readonly string[], tuning: SplitTuning = DEFAULT_SET_TUNING): PatternSet {
  const set = new PatternUnionSet(sources.map(toNonCapturing), 0, tuning);
  return { matching: (text) => set.matching(text), passes: () => set.passes() };
}

class PatternUnionSet {
  private set: InstanceType<typeof RE2.Set> | undefined;
  private calls = 0;
  private halves: [PatternUnionSet, PatternUnionSet] | undefined;
  private readonly timer: SlowWindows;

  constructor(
    private readonly sources: readonly string[],
    private readonly offset: number,
    private readonly tuning: SplitTuning,
  ) {
    this.timer = new SlowWindows(tuning);
  }

  matching(text: string | Buffer): number[] {
    if (this.halves !== undefined) {
      const [a, b] = this.halves;
      const first = a.matching(text);
      const second = b.matching(text);
      return first.length === 0 ? second : second.length === 0 ? first : [...first, ...second];
    }
    this.set ??= new RE2.Set(this.sources, 'u');
    const every = this.tuning.sampleEvery ?? 1;
    if (this.sources.length < 2 || ++this.calls % every !== 0) return this.found(this.set.match(text));
    const started = performance.now();
    const found = this.set.match(text);
    if (this.timer.record(started, text.length, every)) {
      const [first, second, half] = halvesOf(this.sources);
      this.halves = [
        new PatternUnionSet(first, this.offset, this.tuning),
        new PatternUnionSet(second, this.offset + half, this.tuning),
      ];
    }
    return this.found(found);
  }

  passes(): number {
    return this.halves === undefined ? 1 : this.halves[0].passes() + this.halves[1].passes();
  }

  private found(indexes: number[]): number[] {
    return this.offset === 0 ? indexes : indexes.map((i) => i + this.offset);
  }
}

/** One alternation of many patterns, without capture groups (also valid for ripgrep). */
export function toUnionSource(sources: readonly string[]): string {
  return sources.map((s) => `(?:${toNonCapturing(s)})`).join('|');
}

/** Checks RE2 syntax; returns RE2's message, or undefined when the pattern compiles. */
export function checkPattern(source: string): string | undefined {
  try {
    new RE2(source, 'u');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Detector patterns use `(?:` groups only, plus named groups, which become `(?:` here. */
function toNonCapturing(source: string): string {
  return source.replace(/\(\?P<\w+>/g, '(?:');
}
