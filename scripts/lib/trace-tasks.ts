/**
 * Which main-thread tasks of a page a content script caused, from a Chromium trace
 * (categories TRACE_CATEGORIES), for scripts/bench-page.ts.
 *
 * A top-level task is a `RunTask` on the page renderer's main thread. A task is the
 * extension's when it ran extension code and nothing of the page's:
 *   - an `EvaluateScript` / `FunctionCall` / `v8.compile` whose URL is the extension's
 *     (script injection, its timers, its MutationObserver callbacks, its event listeners);
 *   - or an extension message the content script asked for (EXTENSION_IPC: the answer to
 *     `runtime.sendMessage` resumes the content script's promise in a microtask, which the
 *     trace shows with no URL; a sync IPC such as i18n's message bundle shows the same way).
 *     Other `extensions.mojom.*` traffic (extensions.mojom.LocalFrame at navigation) comes
 *     to every page, with or without the extension, and is not counted.
 * Then the whole task counts (its microtask checkpoint, forced layouts, GC included). A
 * task that ran the page's script as well (a page timer whose DOM change fires the
 * extension's MutationObserver) counts only the extension's own events inside it.
 *
 * Also found: the frame that first paints the overlay. The benchmark's document-start
 * script requests an animation frame named BENCH_FRAME_CALLBACK when the overlay's host
 * element is added; the task that runs it is that frame (style, layout, paint of the page
 * with the overlay in it), extension-caused work that runs no extension code.
 */

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  // `Receive mojo message` with its interface name.
  'mojom',
];

/** Extension IPC that only a content script's own calls bring to a page's main thread. */
const EXTENSION_IPC = new Set([
  'extensions.mojom.MessagePort',
  'extensions.mojom.RendererHost',
  'extensions.mojom.EventDispatcher',
]);

/** Function name of the animation-frame callback the benchmark requests on overlay mount. */
export const BENCH_FRAME_CALLBACK = 'linekeeperBenchOverlayFrame';
/** `//# sourceURL` of the benchmark's own document-start script: neither page nor extension. */
export const BENCH_SCRIPT_URL = 'linekeeper-bench-init.js';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

export interface ExtensionTask {
  /** Start, ms from the page's load event (negative: before it). */
  atMs: number;
  /** Time the extension added to the main thread in this task, ms (wall). */
  ms: number;
  /** The same in thread CPU time, ms. */
  cpuMs: number;
  /** The whole task's wall time, ms. */
  taskMs: number;
  /** The extension ran alone in the task (else it shared it with the page's script). */
  whole: boolean;
  /** What it ran: EvaluateScript, FunctionCall, extension IPC… */
  what: string;
}

export interface TraceSummary {
  tasks: ExtensionTask[];
  /** The longest extension task, ms (0 when there was none). */
  longestMs: number;
  /** All extension tasks together, ms. */
  totalMs: number;
  /** The same two in the main thread's CPU time (what contention for the cores leaves out). */
  longestCpuMs: number;
  totalCpuMs: number;
  /** The frame that first painted the overlay: its main-thread task, ms (wall, CPU). */
  overlayFrameMs: number | null;
  overlayFrameCpuMs: number | null;
  /** What that frame spent its time on, ms: style, layout, pre-paint, paint. */
  overlayFrameParts: Record<'style' | 'layout' | 'prePaint' | 'paint', number> | null;
  /** From the load event to the end of that frame's main-thread work, ms. */
  loadToOverlayPaintedMs: number | null;
  /** Main-thread tasks of 50 ms or more, whoever caused them. */
  longTasks: number;
  /** The first extension task run by a timer (the page watcher's first read), ms (wall, CPU). */
  firstReadMs: number | null;
  firstReadCpuMs: number | null;
}

const dataOf = (event: TraceEvent) =>
  (event.args?.data ?? event.args?.beginData ?? {}) as Record<string, unknown>;

function scriptUrl(event: TraceEvent): string | null {
  if (event.name !== 'EvaluateScript' && event.name !== 'FunctionCall') {
    if (event.name === 'v8.compile') return String(dataOf(event).url ?? '');
    return null;
  }
  return String(dataOf(event).url ?? '');
}

function mojoInterface(event: TraceEvent): string | null {
  if (event.name !== 'Receive mojo message' && event.name !== 'Receive mojo reply') return null;
  const info = event.args?.chrome_mojo_event_info as { mojo_interface_tag?: string } | undefined;
  return info?.mojo_interface_tag ?? null;
}

/**
 * Summarises the extension's tasks on the main thread of the renderer that parsed
 * `pageUrl`. `extensionOrigin` is `chrome-extension://<id>/`; with null (a run without
 * the extension), the same rules still run on every `chrome-extension://` URL, as a
 * control that should find nothing.
 */
export function summariseTrace(
  events: TraceEvent[],
  pageUrl: string,
  extensionOrigin: string | null,
): TraceSummary {
  const isExtensionUrl = (url: string) =>
    extensionOrigin ? url.startsWith(extensionOrigin) : url.startsWith('chrome-extension://');
  const parse = events.find(
    (event) => event.name === 'ParseHTML' && String(dataOf(event).url ?? '') === pageUrl,
  );
  if (!parse) throw new Error(`the trace holds no parse of ${pageUrl}`);
  const main = events
    .filter((event) => event.pid === parse.pid && event.tid === parse.tid)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const load = main.find((event) => event.name === 'MarkLoad');
  const loadTs = load?.ts ?? parse.ts;

  // Top-level tasks: RunTask events not inside another one.
  const tasks: TraceEvent[] = [];
  let openUntil = -Infinity;
  for (const event of main) {
    if (event.name !== 'RunTask' || event.ph !== 'X') continue;
    if (event.ts < openUntil) continue;
    tasks.push(event);
    openUntil = event.ts + (event.dur ?? 0);
  }

  const summary: TraceSummary = {
    tasks: [],
    longestMs: 0,
    totalMs: 0,
    longestCpuMs: 0,
    totalCpuMs: 0,
    overlayFrameMs: null,
    overlayFrameCpuMs: null,
    overlayFrameParts: null,
    loadToOverlayPaintedMs: null,
    longTasks: 0,
    firstReadMs: null,
    firstReadCpuMs: null,
  };
  // Events are sorted by start: walk them once alongside the tasks.
  let cursor = 0;
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    if ((task.dur ?? 0) >= 50_000) summary.longTasks += 1;
    const inside: TraceEvent[] = [];
    while (cursor < main.length && main[cursor]!.ts < task.ts) cursor += 1;
    for (let i = cursor; i < main.length && main[i]!.ts <= end; i++) {
      if (main[i] !== task) inside.push(main[i]!);
    }
    let pageScript = false;
    let extensionIpc = false;
    let timer = false;
    const extensionEvents: TraceEvent[] = [];
    let outermostUntil = -Infinity;
    for (const event of inside) {
      const url = scriptUrl(event);
      if (url !== null) {
        if (isExtensionUrl(url)) {
          // Only outermost extension events: a compile inside an evaluation counts once.
          if (event.ts >= outermostUntil) {
            extensionEvents.push(event);
            outermostUntil = event.ts + (event.dur ?? 0);
          }
        } else if (url !== BENCH_SCRIPT_URL && event.name !== 'v8.compile') {
          pageScript = true;
        }
      }
      if (EXTENSION_IPC.has(mojoInterface(event) ?? '')) extensionIpc = true;
      if (event.name === 'TimerFire') timer = true;
      if (
        event.name === 'FunctionCall' &&
        dataOf(event).functionName === BENCH_FRAME_CALLBACK &&
        summary.overlayFrameMs === null
      ) {
        summary.overlayFrameMs = (task.dur ?? 0) / 1000;
        summary.overlayFrameCpuMs = (task.tdur ?? task.dur ?? 0) / 1000;
        summary.loadToOverlayPaintedMs = (end - loadTs) / 1000;
        const part = (name: string) =>
          inside.filter((e) => e.name === name).reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000;
        summary.overlayFrameParts = {
          style: part('UpdateLayoutTree'),
          layout: part('Layout'),
          prePaint: part('PrePaint'),
          paint: part('Paint'),
        };
      }
    }
    if (!extensionEvents.length && !extensionIpc) continue;
    const whole = !pageScript;
    const ms = whole
      ? (task.dur ?? 0) / 1000
      : extensionEvents.reduce((sum, event) => sum + (event.dur ?? 0), 0) / 1000;
    const cpuMs = whole
      ? (task.tdur ?? task.dur ?? 0) / 1000
      : extensionEvents.reduce((sum, event) => sum + (event.tdur ?? event.dur ?? 0), 0) / 1000;
    const what = [
      ...(extensionIpc ? ['IPC'] : []),
      ...(timer && whole ? ['timer'] : []),
      ...new Set(extensionEvents.map((event) => event.name)),
    ].join('+');
    if (timer && whole && summary.firstReadMs === null) {
      summary.firstReadMs = ms;
      summary.firstReadCpuMs = cpuMs;
    }
    summary.tasks.push({
      atMs: (task.ts - loadTs) / 1000,
      ms,
      cpuMs,
      taskMs: (task.dur ?? 0) / 1000,
      whole,
      what,
    });
    summary.totalMs += ms;
    summary.longestMs = Math.max(summary.longestMs, ms);
    summary.totalCpuMs += cpuMs;
    summary.longestCpuMs = Math.max(summary.longestCpuMs, cpuMs);
  }
  return summary;
}
