/**
 * Who owns the content script's CPU-profile samples, by original source file, for
 * scripts/bench-page.ts. A V8 CPU profile (Profiler.stop) names each frame by the
 * position where its function starts; a source map (version 3, read here without a
 * library) turns that position in the minified bundle into a file of the repository.
 *
 * Each sample belongs to its innermost frame (self time). Samples whose stack holds the
 * extension's script count as the extension's; their owner is:
 *   - the source file of the innermost extension frame when that frame is on top;
 *   - "(native) NAME" when a function with no script is on top (a DOM or extension API
 *     such as getComputedStyle or i18n.getMessage, an Intl constructor, a regex builtin
 *     that V8 shows as its own node);
 *   - "(browser/V8 internal) NAME" when a frame of another script is on top (Chromium's
 *     own extension bindings, for instance).
 * Samples with no extension frame on their stack cannot be told apart: garbage collection
 * and the frame's layout and paint show as root-level "(garbage collector)" / "(program)".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  /** µs, the monotonic clock. */
  startTime: number;
  endTime: number;
  samples: number[];
  /** µs between consecutive samples. */
  timeDeltas: number[];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * One decoded segment: generated column → source index, source line, source column, name
 * index (-1: none).
 */
type Segment = [number, number, number, number, number];

export class SourceMap {
  private readonly lines: Segment[][] = [];

  constructor(
    private readonly sources: string[],
    mappings: string,
    private readonly names: string[] = [],
    /** The generated code's lines: to tell which named segment a minified name sits at. */
    private readonly code: string[] = [],
  ) {
    const digit = new Map([...BASE64].map((char, index) => [char, index]));
    let source = 0;
    let sourceLine = 0;
    let sourceColumn = 0;
    let name = 0;
    for (const line of mappings.split(';')) {
      const segments: Segment[] = [];
      let column = 0;
      for (const segment of line.split(',')) {
        if (!segment) continue;
        const fields: number[] = [];
        let value = 0;
        let shift = 0;
        for (const char of segment) {
          const bits = digit.get(char);
          if (bits === undefined) throw new Error(`bad source map character ${char}`);
          value += (bits & 31) << shift;
          if (bits & 32) {
            shift += 5;
          } else {
            fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        column += fields[0]!;
        if (fields.length >= 4) {
          source += fields[1]!;
          sourceLine += fields[2]!;
          sourceColumn += fields[3]!;
          if (fields.length >= 5) name += fields[4]!;
          segments.push([column, source, sourceLine, sourceColumn, fields.length >= 5 ? name : -1]);
        }
      }
      this.lines.push(segments);
    }
  }

  /**
   * Reads a `.map` file and the code it maps (`file` without `.map`); source paths are made
   * relative to `root` (node_modules kept).
   */
  static read(file: string, root: string): SourceMap {
    const map = JSON.parse(readFileSync(file, 'utf8')) as {
      sources: string[];
      sourceRoot?: string;
      names?: string[];
      mappings: string;
    };
    const code = readFileSync(file.replace(/\.map$/, ''), 'utf8').split('\n');
    const dir = path.dirname(file);
    const sources = map.sources.map((source) => {
      const absolute = path.resolve(dir, map.sourceRoot ?? '', source);
      const modules = absolute.lastIndexOf(`${path.sep}node_modules${path.sep}`);
      return modules >= 0
        ? absolute.slice(modules + 1)
        : path.relative(root, absolute).split(path.sep).join('/');
    });
    return new SourceMap(sources, map.mappings, map.names ?? [], code);
  }

  /**
   * The original name of a function that V8 calls `minified` and places at a generated
   * position: the named segment shortly before that position where the generated code
   * spells `minified` (the function's own name, or the variable an arrow is assigned to).
   */
  originalName(line: number, column: number, minified: string): string | null {
    const segments = this.lines[line];
    const text = this.code[line];
    if (!segments || !text || !minified) return null;
    for (let i = segments.length - 1; i >= 0; i--) {
      const [at, , , , name] = segments[i]!;
      if (at > column) continue;
      if (column - at > 48) break;
      if (name >= 0 && text.startsWith(minified, at)) return this.names[name] ?? null;
    }
    return null;
  }

  /** The segment at a generated position (0-based line and column), or null. */
  private segmentAt(line: number, column: number): Segment | null {
    const segments = this.lines[line];
    if (!segments?.length) return null;
    let low = 0;
    let high = segments.length - 1;
    if (segments[0]![0] > column) return segments[0]!;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (segments[middle]![0] <= column) low = middle;
      else high = middle - 1;
    }
    return segments[low]!;
  }

  /** The source file at a generated position (0-based line and column), or null. */
  sourceAt(line: number, column: number): string | null {
    const segment = this.segmentAt(line, column);
    return segment ? (this.sources[segment[1]] ?? null) : null;
  }

  /** The original line (1-based) at a generated position, or null. */
  sourceLineAt(line: number, column: number): number | null {
    const segment = this.segmentAt(line, column);
    return segment ? segment[2] + 1 : null;
  }
}

export interface Owner {
  owner: string;
  ms: number;
  /** Share of the extension's samples, %. */
  share: number;
}

export interface ProfileOwners {
  /** Sampled time with an extension frame on the stack, ms (inflated by the profiler). */
  extensionMs: number;
  /** Of that, after `splitAt` (the benchmark's settle window), ms. */
  extensionAfterSplitMs: number;
  /** Every sampled millisecond of the page's main thread, idle excluded. */
  busyMs: number;
  /** Root-level "(garbage collector)" time of the whole page, ms (not attributable). */
  garbageCollectorMs: number;
  owners: Owner[];
  /** The same by function: "file › name". */
  functions: Owner[];
}

/**
 * Folds `profile`'s samples by owner. `scriptUrl` is the content script's URL;
 * `splitAt` a time on the profile's clock (µs) that splits the extension's samples in two.
 */
export function profileOwners(
  profile: CpuProfile,
  scriptUrl: string,
  map: SourceMap | null,
  splitAt: number,
): ProfileOwners {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const sourceOf = (frame: CallFrame) =>
    map?.sourceAt(frame.lineNumber, frame.columnNumber) ??
    `${frame.url.split('/').pop()} (no source map)`;

  // Owner of a sample whose leaf is `id`; null when no extension frame is on the stack.
  const ownerCache = new Map<number, { owner: string; fn: string } | null>();
  const ownerOf = (id: number) => {
    if (ownerCache.has(id)) return ownerCache.get(id)!;
    const leaf = byId.get(id)!.callFrame;
    let result: { owner: string; fn: string } | null = null;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.url !== scriptUrl) continue;
      if (at === id) {
        const file = sourceOf(frame);
        // An anonymous function is named by the line it starts on.
        const name =
          map?.originalName(frame.lineNumber, frame.columnNumber, frame.functionName) ??
          (frame.functionName ||
            `(anonymous, line ${map?.sourceLineAt(frame.lineNumber, frame.columnNumber) ?? '?'})`);
        result = { owner: file, fn: `${file} › ${name}` };
      } else {
        // Regex nodes are named after their whole source: keep it readable.
        const full = leaf.functionName || '(anonymous)';
        const name = full.length > 60 ? `${full.slice(0, 57)}…` : full;
        const owner = leaf.url ? `(browser/V8 internal) ${name}` : `(native) ${name}`;
        result = { owner, fn: `${owner} ← ${sourceOf(frame)}` };
      }
      break;
    }
    ownerCache.set(id, result);
    return result;
  };

  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let extension = 0;
  let after = 0;
  let busy = 0;
  let garbage = 0;
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    time += delta;
    // A sample's weight: the interval until the next sample (the last one: the previous).
    const weight = (profile.timeDeltas[i + 1] ?? delta) / 1000;
    const id = profile.samples[i]!;
    const name = byId.get(id)!.callFrame.functionName;
    if (name !== '(idle)') busy += weight;
    if (name === '(garbage collector)') garbage += weight;
    const owned = ownerOf(id);
    if (!owned) continue;
    extension += weight;
    if (time > splitAt) after += weight;
    owners.set(owned.owner, (owners.get(owned.owner) ?? 0) + weight);
    functions.set(owned.fn, (functions.get(owned.fn) ?? 0) + weight);
  }
  const ranked = (folded: Map<string, number>) =>
    [...folded]
      .sort((a, b) => b[1] - a[1])
      .map(([owner, ms]) => ({ owner, ms, share: extension ? (100 * ms) / extension : 0 }));
  return {
    extensionMs: extension,
    extensionAfterSplitMs: after,
    busyMs: busy,
    garbageCollectorMs: garbage,
    owners: ranked(owners),
    functions: ranked(functions),
  };
}
