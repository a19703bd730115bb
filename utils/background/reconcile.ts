/**
 * reconcile(): the database is the truth; alarms, badge and pending notifications are
 * derived from it. One idempotent routine, run on install, update, start-up, every worker
 * wake, every alarm and after every write (alarms are a cache: browsers drop them on
 * restart or update); the worker runs it one at a time with at most one run queued
 * (utils/domain/list-snapshot.ts coalesce):
 * 1. deliver reminders that came due while nothing was running — once per line, the
 *    latest step only. A step is marked delivered only once its notification exists: a
 *    notification that fails leaves it undelivered for the next run. Two runs never show
 *    the same step (a line being delivered is held by one run, and re-read before showing).
 *    More than SUMMARY_AFTER steps due at once make one summary notification;
 * 2. make the `lk:` alarms exactly the planned set (getAll before create: re-creating an
 *    alarm resets its countdown);
 * 3. recompute the badge and its tooltip;
 * Every text (tooltip, notifications) is in the language the settings choose
 * (settings.language, else the browser's: utils/background/localizer.ts), so a change of
 * language is a write like any other, and the run after it re-titles the badge.
 * 4. remember the time zone's offset it planned with (utils/background/zone-watch.ts).
 * It reads only the lines and settings tables (never the readings history).
 */
import { carrierById } from '../carriers';
import { joinList, joinSentences } from '../domain/format';
import { notificationGuidance } from '../domain/guidance';
import type { LanguageChoice } from '../domain/i18n';
import { readSettings, type LineKeeperDb } from './db';
import type { Localizer } from './localizer';
import { LIST_SNAPSHOT_KEY, buildListSnapshot } from '../domain/list-snapshot';
import {
  ALARM_PREFIX,
  badgeState,
  dueStep,
  effectiveExpiry,
  isSnoozed,
  isStepDelivered,
  lineDisplayName,
  parseRemindAlarm,
  planReminders,
  type ReminderStep,
} from '../domain/reminders';
import type { Line, ListSnapshot, Settings } from '../domain/records';
import { daysUntilExpiry, type ZoneOffset } from '../domain/time';
import { rememberZoneOffset, type LocalStorageArea } from './zone-watch';

/** Alarm times within this tolerance count as "already armed". */
const ALARM_TOLERANCE_MS = 1000;
const SNOOZE_BUTTON_MS = 86_400_000;
export const NOTIFICATION_PREFIX = 'lk:line:';
/** The one notification that stands for many reminders due at once. */
export const SUMMARY_NOTIFICATION = 'lk:summary';
/** More reminders than this due at once become one summary notification. */
export const SUMMARY_AFTER = 3;
/** Lines named in the summary's text; the rest are counted. */
const SUMMARY_NAMES = 5;

export interface AlarmInfo {
  name: string;
  scheduledTime: number;
}

/** The slices of the browser APIs reconcile uses (real `browser.*` and fakeBrowser both fit). */
export interface AlarmsApi {
  getAll(): Promise<AlarmInfo[]>;
  create(name: string, info: { when: number }): unknown;
  clear(name: string): Promise<unknown>;
}

export interface ActionApi {
  setBadgeText(details: { text: string }): unknown;
  setBadgeBackgroundColor(details: { color: string }): unknown;
  setTitle(details: { title: string }): unknown;
}

export interface NotificationOptions {
  type: 'basic';
  iconUrl: string;
  title: string;
  message: string;
  priority?: number;
  buttons?: { title: string }[];
}

export interface NotificationsApi {
  create(id: string, options: NotificationOptions): Promise<unknown>;
  clear(id: string): Promise<unknown>;
}

export interface TabsApi {
  create(properties: { url: string }): Promise<unknown>;
}

export interface ReconcileDeps {
  db: LineKeeperDb;
  alarms: AlarmsApi;
  action: ActionApi;
  notifications: NotificationsApi;
  now: () => number;
  /** The user's own time zone (reminders are delivered at an hour of their day). */
  zone: ZoneOffset;
  /** The voice for a language choice (settings.language): utils/background/localizer.ts. */
  localize(choice: LanguageChoice | undefined): Promise<Localizer>;
  iconUrl: string;
  /** Chrome shows notification buttons; Firefox rejects them. */
  supportsButtons: boolean;
  /** The popup page, opened in a tab from the summary notification. */
  popupUrl?: string;
  /** browser.storage.local: the time zone's offset the last run planned with. */
  storage?: LocalStorageArea;
}

export interface ReconcileResult {
  delivered: ReminderStep[];
  alarmsCreated: string[];
  alarmsCleared: string[];
  badge: { text: string; color: string | null; title: string };
}

export async function reconcile(deps: ReconcileDeps): Promise<ReconcileResult> {
  const now = deps.now();
  const { db } = deps;
  const [settings, lines] = await db.transaction(
    'r',
    db.lines,
    db.settings,
    async () => [await readSettings(db), await db.lines.toArray()] as const,
  );

  const voice = await deps.localize(settings.language);
  let plan = planReminders(lines, settings, now, deps.zone);
  const due = [...plan.due, ...firedSteps(takeFired(db.name), plan.due, lines, settings, now)];
  const delivered = due.length > 0 ? await deliverDue(due, settings, now, deps, voice) : [];
  let current = lines;
  if (delivered.length > 0) {
    // What was just marked delivered arms its next step instead.
    current = await db.transaction('r', db.lines, () => db.lines.toArray());
    plan = planReminders(current, settings, now, deps.zone);
  }

  const { created, cleared } = await syncAlarms(deps.alarms, plan.alarms);
  const badge = await applyBadge(deps, voice, current, settings, now);
  if (deps.storage) await rememberZoneOffset(deps.storage, deps.zone, now);
  return { delivered, alarmsCreated: created, alarmsCleared: cleared, badge };
}

/** Lines some run is delivering right now (per database): no other run shows them. */
const delivering = new Set<string>();

/** A step to show; `fired`: its own alarm fired (it may be a little early by the clock). */
type DueStep = ReminderStep & { fired?: boolean };

/** Reminder alarms that fired since the last run, per database (onAlarm → reconcile). */
const fired = new Map<string, Set<string>>();

function takeFired(dbName: string): string[] {
  const names = [...(fired.get(dbName) ?? [])];
  fired.delete(dbName);
  return names;
}

/**
 * A reminder alarm that fired stands for its step even when the clock says it is not quite
 * due yet (an alarm may fire a little early): that step, if it is still the line's — same
 * expiry, a lead still chosen, not delivered, not snoozed — unless the plan already
 * delivers a step of that line.
 */
function firedSteps(
  names: string[],
  planned: ReminderStep[],
  lines: Line[],
  settings: Settings,
  now: number,
): DueStep[] {
  const steps: DueStep[] = [];
  for (const name of names) {
    const parsed = parseRemindAlarm(name);
    if (!parsed || planned.some((step) => step.lineId === parsed.lineId)) continue;
    const line = lines.find((candidate) => candidate.id === parsed.lineId);
    if (!line) continue;
    const step = { ...parsed, estimated: false, fireAt: now };
    if (!isFiredStepValid(line, step, settings, now)) continue;
    if (steps.some((other) => other.lineId === step.lineId)) continue;
    steps.push({ ...step, estimated: effectiveExpiry(line)!.estimated, fired: true });
  }
  return steps;
}

function isFiredStepValid(
  line: Line,
  step: ReminderStep,
  settings: Settings,
  now: number,
): boolean {
  return (
    settings.notificationsEnabled &&
    !isSnoozed(line, now) &&
    settings.leadDays.includes(step.lead) &&
    effectiveExpiry(line)?.expiresOn === step.expiresOn &&
    !isStepDelivered(line, step)
  );
}

/** Still the step to show for this line, as it is now. */
function stillDue(
  line: Line,
  step: DueStep,
  settings: Settings,
  now: number,
  zone: ZoneOffset,
): boolean {
  const due = dueStep(line, settings, now, zone);
  if (step.fired) {
    // A later step due by the clock is shown instead (in a later run).
    return isFiredStepValid(line, step, settings, now) && (due === null || due.lead >= step.lead);
  }
  return sameStep(due, step);
}

/**
 * Shows the due steps, then marks those shown as delivered. Each line is held by this run
 * while it is shown, and re-read first: a step another run has delivered since this run's
 * plan was made is not shown again.
 */
async function deliverDue(
  planned: DueStep[],
  settings: Settings,
  now: number,
  deps: ReconcileDeps,
  voice: Localizer,
): Promise<ReminderStep[]> {
  const { db } = deps;
  const key = (step: DueStep) => `${db.name}\n${step.lineId}`;
  const held = planned.filter((step) => !delivering.has(key(step)));
  for (const step of held) delivering.add(key(step));
  try {
    const fresh = await db.transaction('r', db.lines, () =>
      db.lines.bulkGet(held.map((step) => step.lineId)),
    );
    const ready: { line: Line; step: DueStep }[] = [];
    held.forEach((step, index) => {
      const line = fresh[index];
      if (line && stillDue(line, step, settings, now, deps.zone)) ready.push({ line, step });
    });
    let shown: typeof ready;
    if (ready.length > SUMMARY_AFTER) {
      shown = (await showSummary(ready, deps, voice)) ? ready : [];
    } else {
      shown = [];
      for (const item of ready) {
        if (await deliver(item.line, item.step, now, deps, voice)) shown.push(item);
      }
    }
    return await markDelivered(
      db,
      shown.map((item) => item.step),
      settings,
      now,
      deps.zone,
    );
  } finally {
    for (const step of held) delivering.delete(key(step));
  }
}

function sameStep(a: ReminderStep | null, b: ReminderStep): boolean {
  return a !== null && a.expiresOn === b.expiresOn && a.lead === b.lead;
}

/** Marks shown steps delivered, re-checking each against the line as it is now. */
async function markDelivered(
  db: LineKeeperDb,
  steps: DueStep[],
  settings: Settings,
  now: number,
  zone: ZoneOffset,
): Promise<ReminderStep[]> {
  if (steps.length === 0) return [];
  return db.transaction('rw', db.lines, async () => {
    const marked: ReminderStep[] = [];
    for (const step of steps) {
      const line = await db.lines.get(step.lineId);
      if (!line || !stillDue(line, step, settings, now, zone)) continue;
      await db.lines.update(line.id, {
        lastReminder: { expiresOn: step.expiresOn, lead: step.lead },
        ...(line.snoozedUntil !== null && line.snoozedUntil <= now ? { snoozedUntil: null } : {}),
      });
      const { fired: _fired, ...shown } = step;
      marked.push(shown);
    }
    return marked;
  });
}

async function syncAlarms(
  alarms: AlarmsApi,
  planned: { name: string; when: number }[],
): Promise<{ created: string[]; cleared: string[] }> {
  const existing = new Map<string, number>();
  for (const alarm of await alarms.getAll()) {
    if (alarm.name.startsWith(ALARM_PREFIX)) existing.set(alarm.name, alarm.scheduledTime);
  }
  const wanted = new Set(planned.map((alarm) => alarm.name));
  const cleared: string[] = [];
  for (const name of existing.keys()) {
    if (!wanted.has(name)) {
      await alarms.clear(name);
      cleared.push(name);
    }
  }
  const created: string[] = [];
  for (const alarm of planned) {
    const at = existing.get(alarm.name);
    if (at !== undefined && Math.abs(at - alarm.when) <= ALARM_TOLERANCE_MS) continue;
    await alarms.create(alarm.name, { when: alarm.when });
    created.push(alarm.name);
  }
  return { created, cleared };
}

async function applyBadge(
  deps: ReconcileDeps,
  voice: Localizer,
  lines: Line[],
  settings: Settings,
  now: number,
): Promise<ReconcileResult['badge']> {
  const state = badgeState(lines, settings, now);
  const { t } = voice;
  let title = t('extName');
  if (state.line) {
    const date = voice.formatDate(state.line.expiresOn);
    const key =
      state.line.daysLeft < 0
        ? 'badgeTitleExpired'
        : state.line.estimated
          ? 'badgeTitleEstimated'
          : 'badgeTitle';
    title = t(key, [state.line.displayName, date]);
  }
  await deps.action.setBadgeText({ text: state.text });
  if (state.color) await deps.action.setBadgeBackgroundColor({ color: state.color });
  await deps.action.setTitle({ title });
  return { text: state.text, color: state.color, title };
}

/**
 * Shows the reminder notification for one line (replacing its previous one). True once it
 * exists; false when the browser refused it (the step stays undelivered).
 */
async function deliver(
  line: Line,
  step: ReminderStep,
  now: number,
  deps: ReconcileDeps,
  voice: Localizer,
): Promise<boolean> {
  const { t, locale } = voice;
  const date = voice.formatDate(step.expiresOn);
  const daysLeft = daysUntilExpiry(step.expiresOn, now);
  const body =
    daysLeft < 0
      ? t('notifBodyExpired', [date])
      : daysLeft === 0
        ? t('notifBodyToday', [date])
        : daysLeft === 1
          ? t('notifBodyTomorrow', [date])
          : t('notifBodyDays', [date, voice.formatCount(daysLeft)]);
  const message = joinSentences(
    [
      body,
      step.estimated ? t('notifEstimated') : '',
      notificationGuidance(daysLeft, line.carrier, locale, t) ?? '',
    ],
    locale,
  );
  const options: NotificationOptions = {
    type: 'basic',
    iconUrl: deps.iconUrl,
    title: t('notifTitle', [lineDisplayName(line), carrierById(line.carrier).name]),
    message,
    priority: daysLeft <= 1 ? 2 : 1,
  };
  const id = NOTIFICATION_PREFIX + line.id;
  try {
    if (deps.supportsButtons) {
      try {
        await deps.notifications.create(id, {
          ...options,
          buttons: [{ title: t('notifRemindTomorrow') }],
        });
        return true;
      } catch {
        // Some builds reject buttons: fall through and show it without.
      }
    }
    await deps.notifications.create(id, options);
    return true;
  } catch (error) {
    // Not marked delivered: the next reconcile tries again.
    console.warn('LineKeeper: notification failed', error);
    return false;
  }
}

/** One notification for many reminders due at once: "5 lines expire soon: …". */
async function showSummary(
  items: { line: Line; step: ReminderStep }[],
  deps: ReconcileDeps,
  voice: Localizer,
): Promise<boolean> {
  const { t } = voice;
  const sorted = [...items].sort((a, b) =>
    a.step.expiresOn < b.step.expiresOn ? -1 : a.step.expiresOn > b.step.expiresOn ? 1 : 0,
  );
  const names = sorted.slice(0, SUMMARY_NAMES).map((item) => lineDisplayName(item.line));
  const rest = sorted.length - names.length;
  const list = joinList(names, voice.locale);
  try {
    await deps.notifications.create(SUMMARY_NOTIFICATION, {
      type: 'basic',
      iconUrl: deps.iconUrl,
      title: t('notifSummaryTitle', [voice.formatCount(items.length)]),
      message:
        rest > 0
          ? t('notifSummaryBodyMore', [list, voice.formatCount(rest)])
          : t('notifSummaryBody', [list]),
      priority: 2,
    });
    return true;
  } catch (error) {
    console.warn('LineKeeper: summary notification failed', error);
    return false;
  }
}

/**
 * An `lk:` alarm fired (a reminder step, midnight, the end of a snooze): reconcile() delivers
 * whatever is due — a reminder alarm's own step among it, all at once, so several lines due
 * at the same time make one summary — and re-arms everything. `run` is the worker's
 * one-at-a-time reconcile.
 */
export async function onAlarm(
  name: string,
  deps: ReconcileDeps,
  run: () => Promise<ReconcileResult> = () => reconcile(deps),
): Promise<ReconcileResult | null> {
  if (!name.startsWith(ALARM_PREFIX)) return null;
  if (parseRemindAlarm(name)) {
    const names = fired.get(deps.db.name) ?? new Set<string>();
    fired.set(deps.db.name, names.add(name));
  }
  return run();
}

export interface ClickDeps extends ReconcileDeps {
  tabs: TabsApi;
}

/** Clicking a reminder opens that carrier's recharge page; the summary opens the list. */
export async function onNotificationClicked(notificationId: string, deps: ClickDeps) {
  if (notificationId === SUMMARY_NOTIFICATION) {
    await deps.notifications.clear(notificationId);
    if (deps.popupUrl) await deps.tabs.create({ url: deps.popupUrl });
    return;
  }
  if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return;
  const line = await deps.db.lines.get(notificationId.slice(NOTIFICATION_PREFIX.length));
  await deps.notifications.clear(notificationId);
  if (line) await deps.tabs.create({ url: carrierById(line.carrier).rechargeUrl });
}

/** Chrome only: button 0, "Remind me tomorrow", snoozes that line for a day. */
export async function onNotificationButtonClicked(
  notificationId: string,
  buttonIndex: number,
  deps: ReconcileDeps,
) {
  if (!notificationId.startsWith(NOTIFICATION_PREFIX) || buttonIndex !== 0) return;
  const lineId = notificationId.slice(NOTIFICATION_PREFIX.length);
  await deps.notifications.clear(notificationId);
  const now = deps.now();
  await snoozeLine(deps.db, lineId, now + SNOOZE_BUTTON_MS, now);
  await reconcile(deps);
}

/**
 * Quiet until `until`, then remind again: the delivered mark is cleared so the latest due
 * step fires once more when the snooze ends. `null` ends a snooze now.
 */
export async function snoozeLine(
  db: LineKeeperDb,
  lineId: string,
  until: number | null,
  now: number,
): Promise<Line | undefined> {
  return db.transaction('rw', db.lines, async () => {
    const line = await db.lines.get(lineId);
    if (!line) return undefined;
    const changes = {
      snoozedUntil: until,
      lastReminder: null,
      updatedAt: new Date(now).toISOString(),
    };
    await db.lines.update(lineId, changes);
    return { ...line, ...changes };
  });
}

/** The slice of browser.storage.local the list snapshot needs. */
export interface SnapshotStorage {
  set(items: Record<string, unknown>): Promise<unknown>;
}

/**
 * Rewrites the popup's list snapshot (utils/domain/list-snapshot.ts) from the database as it is
 * now: derived state, like the badge. The background runs it after reconcile(), one run at
 * a time, and when the popup found the snapshot out of date.
 */
export async function writeListSnapshot(
  db: LineKeeperDb,
  storage: SnapshotStorage,
  now: number,
): Promise<ListSnapshot> {
  const [settings, lines] = await db.transaction(
    'r',
    db.lines,
    db.settings,
    async () => [await readSettings(db), await db.lines.toArray()] as const,
  );
  const snapshot = buildListSnapshot(lines, settings, now);
  await storage.set({ [LIST_SNAPSHOT_KEY]: snapshot });
  return snapshot;
}
