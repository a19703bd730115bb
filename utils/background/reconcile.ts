/**
 * reconcile(): the database is the truth; alarms, badge and pending notifications are
 * derived from it. One idempotent routine, run on install, update, start-up, every worker
 * wake and after every write (alarms are a cache: browsers drop them on restart or update):
 * 1. deliver reminders that came due while nothing was running — once per line, the
 *    latest step only, claimed in a database transaction so two concurrent runs cannot
 *    both deliver it;
 * 2. make the `lk:` alarms exactly the planned set (getAll before create: re-creating an
 *    alarm resets its countdown);
 * 3. recompute the badge and its tooltip.
 * It reads only the lines and settings tables (never the readings history).
 */
import { carrierById } from '../carriers';
import { readSettings, type LineKeeperDb } from './db';
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
import type { IsoDate, Line, ListSnapshot, Settings } from '../domain/records';
import { daysUntilExpiry, type ZoneOffset } from '../domain/time';

/** Alarm times within this tolerance count as "already armed". */
const ALARM_TOLERANCE_MS = 1000;
const SNOOZE_BUTTON_MS = 86_400_000;
export const NOTIFICATION_PREFIX = 'lk:line:';

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

export interface I18n {
  /** browser.i18n.getMessage: '' for a missing key. */
  getMessage(key: string, substitutions?: string[]): string;
  /** An Argentina-calendar date in the user's language. */
  formatDate(date: IsoDate): string;
}

export interface ReconcileDeps {
  db: LineKeeperDb;
  alarms: AlarmsApi;
  action: ActionApi;
  notifications: NotificationsApi;
  now: () => number;
  /** The user's own time zone (reminders are delivered at an hour of their day). */
  zone: ZoneOffset;
  i18n: I18n;
  iconUrl: string;
  /** Chrome shows notification buttons; Firefox rejects them. */
  supportsButtons: boolean;
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

  const plan = planReminders(lines, settings, now, deps.zone);

  let delivered: ReminderStep[] = [];
  if (plan.due.length > 0) {
    delivered = await claimSteps(db, plan.due, settings, now, deps.zone);
    const byId = new Map(lines.map((line) => [line.id, line]));
    for (const step of delivered) {
      const line = byId.get(step.lineId);
      if (line) await deliver(line, step, now, deps);
    }
  }

  const { created, cleared } = await syncAlarms(deps.alarms, plan.alarms);
  const badge = await applyBadge(deps, lines, settings, now);
  return { delivered, alarmsCreated: created, alarmsCleared: cleared, badge };
}

/** Marks steps delivered, re-checking each against the line as it is now; returns those won. */
async function claimSteps(
  db: LineKeeperDb,
  steps: ReminderStep[],
  settings: Settings,
  now: number,
  zone: ZoneOffset,
): Promise<ReminderStep[]> {
  return db.transaction('rw', db.lines, async () => {
    const won: ReminderStep[] = [];
    for (const step of steps) {
      const line = await db.lines.get(step.lineId);
      if (!line) continue;
      const current = dueStep(line, settings, now, zone);
      if (!current || current.expiresOn !== step.expiresOn || current.lead !== step.lead) continue;
      await db.lines.update(line.id, {
        lastReminder: { expiresOn: step.expiresOn, lead: step.lead },
        ...(line.snoozedUntil !== null && line.snoozedUntil <= now ? { snoozedUntil: null } : {}),
      });
      won.push(step);
    }
    return won;
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
  lines: Line[],
  settings: Settings,
  now: number,
): Promise<ReconcileResult['badge']> {
  const state = badgeState(lines, settings, now);
  const { i18n } = deps;
  let title = msg(i18n, 'extName');
  if (state.line) {
    const date = i18n.formatDate(state.line.expiresOn);
    const key =
      state.line.daysLeft < 0
        ? 'badgeTitleExpired'
        : state.line.estimated
          ? 'badgeTitleEstimated'
          : 'badgeTitle';
    title = msg(i18n, key, [state.line.displayName, date]);
  }
  await deps.action.setBadgeText({ text: state.text });
  if (state.color) await deps.action.setBadgeBackgroundColor({ color: state.color });
  await deps.action.setTitle({ title });
  return { text: state.text, color: state.color, title };
}

function msg(i18n: I18n, key: string, substitutions?: string[]): string {
  return i18n.getMessage(key, substitutions) || key;
}

/** Shows the reminder notification for one line (replacing its previous one). */
async function deliver(line: Line, step: ReminderStep, now: number, deps: ReconcileDeps) {
  const { i18n } = deps;
  const date = i18n.formatDate(step.expiresOn);
  const daysLeft = daysUntilExpiry(step.expiresOn, now);
  let message =
    daysLeft < 0
      ? msg(i18n, 'notifBodyExpired', [date])
      : daysLeft === 0
        ? msg(i18n, 'notifBodyToday', [date])
        : daysLeft === 1
          ? msg(i18n, 'notifBodyTomorrow', [date])
          : msg(i18n, 'notifBodyDays', [date, String(daysLeft)]);
  if (step.estimated) message = `${message} ${msg(i18n, 'notifEstimated')}`;
  const options: NotificationOptions = {
    type: 'basic',
    iconUrl: deps.iconUrl,
    title: msg(i18n, 'notifTitle', [lineDisplayName(line), carrierById(line.carrier).name]),
    message,
    priority: daysLeft <= 1 ? 2 : 1,
  };
  const id = NOTIFICATION_PREFIX + line.id;
  try {
    if (deps.supportsButtons) {
      try {
        await deps.notifications.create(id, {
          ...options,
          buttons: [{ title: msg(i18n, 'notifRemindTomorrow') }],
        });
        return;
      } catch {
        // Some builds reject buttons: fall through and show it without.
      }
    }
    await deps.notifications.create(id, options);
  } catch (error) {
    // A notification is a nudge; the badge and popup remain the source of truth.
    console.warn('LineKeeper: notification failed', error);
  }
}

/**
 * An alarm fired. A reminder alarm delivers its own step (once), then reconcile() re-arms
 * everything; any other `lk:` alarm (midnight, end of snooze) just reconciles.
 */
export async function onAlarm(name: string, deps: ReconcileDeps): Promise<ReconcileResult | null> {
  if (!name.startsWith(ALARM_PREFIX)) return null;
  const parsed = parseRemindAlarm(name);
  if (parsed) {
    const now = deps.now();
    const { db } = deps;
    const claimed = await db.transaction('rw', db.lines, db.settings, async () => {
      const settings = await readSettings(db);
      const line = await db.lines.get(parsed.lineId);
      if (!line || !settings.notificationsEnabled || isSnoozed(line, now)) return null;
      if (!settings.leadDays.includes(parsed.lead)) return null;
      const expiry = effectiveExpiry(line);
      if (!expiry || expiry.expiresOn !== parsed.expiresOn) return null;
      const step: ReminderStep = { ...parsed, estimated: expiry.estimated, fireAt: now };
      if (isStepDelivered(line, step)) return null;
      // A late alarm (the machine slept): when a later step is due too, reconcile() delivers
      // that one alone.
      const latest = dueStep(line, settings, now, deps.zone);
      if (latest && latest.expiresOn === step.expiresOn && latest.lead < step.lead) return null;
      const lastReminder = { expiresOn: step.expiresOn, lead: step.lead };
      await db.lines.update(line.id, { lastReminder });
      return { line: { ...line, lastReminder }, step };
    });
    if (claimed) await deliver(claimed.line, claimed.step, now, deps);
  }
  return reconcile(deps);
}

export interface ClickDeps extends ReconcileDeps {
  tabs: TabsApi;
}

/** Clicking a reminder opens that carrier's recharge page. */
export async function onNotificationClicked(notificationId: string, deps: ClickDeps) {
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

/** Real-browser i18n: messages.json through getMessage, dates in the UI language. */
export function createI18n(
  getMessage: (key: string, substitutions?: string[]) => string,
  uiLanguage: string,
): I18n {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(uiLanguage, { dateStyle: 'long', timeZone: 'UTC' });
  } catch {
    format = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });
  }
  return {
    getMessage,
    formatDate(date) {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      return format.format(new Date(Date.UTC(y, m - 1, d)));
    },
  };
}
