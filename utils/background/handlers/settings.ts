/** Settings: saved from the popup, and the overlay's "don't show on this site". */
import { SettingsSchema, type Settings } from '../../domain/records';
import { describeIssues } from '../../domain/issues';
import { refuse, type HandlerTable } from '../context';
import { readSettings, type LineKeeperDb } from '../db';
import { addDismissal } from '../dismissals';
import { maskPathDigits } from '../../domain/line-rules';

async function saveSettings(db: LineKeeperDb, patch: Partial<Settings>): Promise<Settings> {
  return db.transaction('rw', db.settings, async () => {
    const merged = { ...(await readSettings(db)), ...patch };
    const parsed = SettingsSchema.safeParse(merged);
    if (!parsed.success) refuse(`invalid settings: ${describeIssues(parsed.error)}`);
    const value: Settings = {
      ...parsed.data,
      leadDays: [...parsed.data.leadDays].sort((a, b) => b - a),
    };
    await db.settings.put({ key: 'settings', value });
    return value;
  });
}

const uiSaveSettings: HandlerTable['ui:save-settings'] = async (message, context) => {
  const patch = Object.fromEntries(
    Object.entries(message.settings).filter(([, value]) => value !== undefined),
  ) as Partial<Settings>;
  const settings = await saveSettings(context.deps.db, patch);
  return { reply: { ok: true, settings }, wrote: true };
};

const csHideOverlay: HandlerTable['cs:hide-overlay'] = async (_, context) => {
  const settings = await readSettings(context.deps.db);
  await saveSettings(context.deps.db, {
    overlayHiddenHosts: [...new Set([...settings.overlayHiddenHosts, context.host])],
  });
  return { reply: { ok: true }, wrote: true };
};

/** Kept with the hidden hosts: a site's own corner widgets stay where they are across visits. */
const csMoveOverlay: HandlerTable['cs:move-overlay'] = async (message, context) => {
  const settings = await readSettings(context.deps.db);
  const others = (settings.overlayLeftHosts ?? []).filter((host) => host !== context.host);
  await saveSettings(context.deps.db, {
    // The oldest choices give way first, within the settings' cap.
    overlayLeftHosts: message.corner === 'left' ? [...others, context.host].slice(-200) : others,
  });
  return { reply: { ok: true }, wrote: true };
};

const csDismissOverlay: HandlerTable['cs:dismiss-overlay'] = async (message, context) => {
  const { session } = context.deps;
  if (!session || context.tabId === null) refuse('refused: no tab to remember the dismissal for');
  await addDismissal(session, context.tabId, maskPathDigits(message.path));
  // storage.session only: nothing in the database changed, nothing to reconcile.
  return { reply: { ok: true }, wrote: false };
};

export const settingsHandlers = {
  'ui:save-settings': uiSaveSettings,
  'cs:hide-overlay': csHideOverlay,
  'cs:dismiss-overlay': csDismissOverlay,
  'cs:move-overlay': csMoveOverlay,
} satisfies Partial<HandlerTable>;
