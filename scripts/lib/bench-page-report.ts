/**
 * npm run bench:page's figures per shape and the closing table (scripts/bench-page.ts
 * measures; this prints).
 */
import { median } from './bench-data';
import type { ProfileOwners } from './profile-owners';
import type { TraceSummary } from './trace-tasks';

export interface OverlayCheck {
  /** Classes of the overlay's card (its mode: lk-saved, lk-unsure…). */
  card: string;
  width: number;
  height: number;
  text: string;
}

export interface Load {
  mode: 'with' | 'without' | 'profile';
  /** Navigation start → load event, ms (Node's clock). */
  loadMs: number;
  /** Load event → end of the window, ms. */
  windowMs: number;
  scriptMs: number;
  taskMs: number;
  layoutMs: number;
  recalcStyleMs: number;
  /** Page clock: load event start → host added / → next animation frame, ms. */
  overlayAddedMs: number | null;
  overlayFrameStartMs: number | null;
  trace: TraceSummary | null;
  overlay: OverlayCheck | null;
  profile?: ProfileOwners;
}

/** Reads the overlay in the page's DOM, through its closed shadow root (DevTools pierces it). */
export interface ShapeResult {
  name: string;
  url: string;
  bytes: number;
  with: Load[];
  without: Load[];
  profile: Load | null;
}

export const fmt = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
export const medianOf = (values: (number | null | undefined)[]) => {
  const present = values.filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
  return present.length ? median(present) : null;
};
const range = (values: (number | null | undefined)[]) => {
  const present = values.filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
  return present.length
    ? `${Math.min(...present).toFixed(1)}–${Math.max(...present).toFixed(1)}`
    : '–';
};

export interface Figures {
  addedScriptMs: number;
  withScriptMs: number;
  withoutScriptMs: number;
  longestTaskMs: number | null;
  longestTaskMaxMs: number | null;
  longestTaskCpuMs: number | null;
  extensionTaskCpuMs: number | null;
  extensionTaskTotalMs: number | null;
  firstReadMs: number | null;
  firstReadCpuMs: number | null;
  overlayFrameMs: number | null;
  loadToOverlayMs: number | null;
  controlMs: number;
}

export function figuresOf(result: ShapeResult): Figures {
  const withScript = medianOf(result.with.map((l) => l.scriptMs)) ?? NaN;
  const withoutScript = medianOf(result.without.map((l) => l.scriptMs)) ?? NaN;
  return {
    addedScriptMs: withScript - withoutScript,
    withScriptMs: withScript,
    withoutScriptMs: withoutScript,
    longestTaskMs: medianOf(result.with.map((l) => l.trace?.longestMs)),
    longestTaskMaxMs: Math.max(...result.with.map((l) => l.trace?.longestMs ?? 0)),
    longestTaskCpuMs: medianOf(result.with.map((l) => l.trace?.longestCpuMs)),
    extensionTaskCpuMs: medianOf(result.with.map((l) => l.trace?.totalCpuMs)),
    extensionTaskTotalMs: medianOf(result.with.map((l) => l.trace?.totalMs)),
    firstReadMs: medianOf(result.with.map((l) => l.trace?.firstReadMs)),
    firstReadCpuMs: medianOf(result.with.map((l) => l.trace?.firstReadCpuMs)),
    overlayFrameMs: medianOf(result.with.map((l) => l.trace?.overlayFrameMs)),
    loadToOverlayMs: medianOf(
      result.with.map((l) => l.trace?.loadToOverlayPaintedMs ?? l.overlayFrameStartMs),
    ),
    controlMs: Math.max(0, ...result.without.map((l) => l.trace?.totalMs ?? 0)),
  };
}

export function printShape(result: ShapeResult, clock: string): void {
  const f = figuresOf(result);
  const first = result.with.find((l) => l.overlay)?.overlay;
  console.log(`\n■ ${result.name}: ${(result.bytes / 1024).toFixed(0)} KB at ${result.url}`);
  console.log(
    `  overlay: ${first ? `${first.card} ${first.width.toFixed(0)}×${first.height.toFixed(0)} px — "${first.text.slice(0, 110)}"` : 'NONE'}`,
  );
  console.log(
    `  load event at ${fmt(medianOf(result.with.map((l) => l.loadMs)), 0)} ms (with) / ${fmt(medianOf(result.without.map((l) => l.loadMs)), 0)} ms (without) from navigation; window after it ${fmt(medianOf(result.with.map((l) => l.windowMs)), 0)} ms`,
  );
  console.log(
    `  script time (ScriptDuration, ${clock} clock, median of ${result.with.length}): with ${fmt(f.withScriptMs)} ms [${range(result.with.map((l) => l.scriptMs))}], without ${fmt(f.withoutScriptMs)} ms [${range(result.without.map((l) => l.scriptMs))}] → added ${fmt(f.addedScriptMs)} ms`,
  );
  console.log(
    `  extension tasks (trace): longest ${fmt(f.longestTaskMs)} ms median (${fmt(f.longestTaskCpuMs)} ms cpu) [${range(result.with.map((l) => l.trace?.longestMs))}], all together ${fmt(f.extensionTaskTotalMs)} ms median, first read ${fmt(f.firstReadMs)} ms median (${fmt(f.firstReadCpuMs)} ms cpu); control without the extension: ${fmt(f.controlMs)} ms`,
  );
  const typical = result.with.find((l) => l.trace?.longestMs === f.longestTaskMs) ?? result.with[0];
  if (typical?.trace) {
    console.log(
      `  one load's extension tasks (ms from load event: wall ms / cpu ms, what): ${typical.trace.tasks
        .filter((t) => t.ms >= 1)
        .map((t) => `${t.atMs.toFixed(0)}: ${t.ms.toFixed(1)}/${t.cpuMs.toFixed(1)} ${t.what}`)
        .join('; ')}`,
    );
  }
  console.log(
    `  load event → overlay painted: ${fmt(f.loadToOverlayMs, 0)} ms median [${range(result.with.map((l) => l.trace?.loadToOverlayPaintedMs))}]; the frame that paints it: ${fmt(f.overlayFrameMs)} ms median, ${fmt(medianOf(result.with.map((l) => l.trace?.overlayFrameCpuMs)))} ms cpu (${(['style', 'layout', 'prePaint', 'paint'] as const).map((part) => `${part} ${fmt(medianOf(result.with.map((l) => l.trace?.overlayFrameParts?.[part])))}`).join(', ')})`,
  );
  if (result.name === 'live') {
    console.log(
      '  live: the page never settles, so the watcher reads at its maximum wait (1 s after the page starts changing, then 2, 4… s later); load → overlay is the figure to hold against the 1 s promise',
    );
  }
  const profile = result.profile?.profile;
  if (profile) {
    console.log(
      `  CPU profile (1 load, 100 µs sampling, ~2× inflated: shares): extension ${fmt(profile.extensionMs, 0)} ms of ${fmt(profile.busyMs, 0)} ms busy; ${fmt((100 * profile.extensionAfterSplitMs) / (profile.extensionMs || 1), 0)}% of it after the measured window (the watcher's re-read); page-wide GC ${fmt(profile.garbageCollectorMs, 0)} ms`,
    );
    for (const owner of profile.owners.slice(0, 8)) {
      console.log(
        `    ${owner.share.toFixed(1).padStart(5)}%  ${owner.ms.toFixed(1).padStart(6)} ms  ${owner.owner}`,
      );
    }
    console.log(
      `    top functions: ${profile.functions
        .slice(0, 4)
        .map((fn) => `${fn.owner} ${fn.share.toFixed(0)}%`)
        .join('; ')}`,
    );
  }
}

export function printSummary(results: ShapeResult[], runs: number, threadClock: boolean): void {
  const rows = [
    [
      'shape',
      'added script',
      'with',
      'without',
      'longest ext task',
      'max',
      'cpu',
      'ext tasks',
      'cpu',
      'read',
      'cpu',
      'load→overlay',
      'overlay frame',
    ],
  ];
  for (const result of results) {
    const f = figuresOf(result);
    rows.push([
      result.name,
      fmt(f.addedScriptMs),
      fmt(f.withScriptMs),
      fmt(f.withoutScriptMs),
      fmt(f.longestTaskMs),
      fmt(f.longestTaskMaxMs),
      fmt(f.longestTaskCpuMs),
      fmt(f.extensionTaskTotalMs),
      fmt(f.extensionTaskCpuMs),
      fmt(f.firstReadMs),
      fmt(f.firstReadCpuMs),
      fmt(f.loadToOverlayMs, 0),
      fmt(f.overlayFrameMs),
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log(
    [
      `\nms, medians of ${runs} loads each.`,
      `  added script: median with − median without of ScriptDuration (script execution; ${threadClock ? "the main thread's CPU time" : 'wall-clock time'});`,
      "  longest ext task (max: the worst load's), ext tasks (all of them together), read (the",
      "  watcher's first read): whole main-thread tasks from the trace (compile, IPC waits, forced",
      '  layout, GC included), wall, and their main-thread CPU time in the cpu columns;',
      '  load→overlay: load event → end of the frame that paints it; overlay frame: that frame.',
    ].join('\n'),
  );
  for (const row of rows) {
    console.log(
      `  ${row.map((cell, column) => (column ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ')}`,
    );
  }
}
