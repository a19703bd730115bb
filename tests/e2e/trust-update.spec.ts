/**
 * Extension update and downgrade on one profile, with two builds of this same source:
 * A is the shipped code (schema v2, version from package.json); B is a test-only "newer
 * LineKeeper" (LINEKEEPER_TEST_SCHEMA_V3=1: schema v3 whose upgrade adds `tags: []` to
 * every line and reading; LINEKEEPER_VERSION_OVERRIDE: a higher manifest version).
 * Both are installed from the same folder, so Chromium sees one extension (same id, same
 * IndexedDB) being updated and then downgraded.
 *
 * - A → B: every record migrated, nothing lost.
 * - B → A: the v2 code refuses the v3 database: the popup says so in words, the background
 *   writes nothing (a carrier page visit and a settings change are both refused).
 * - A → B again: everything is still there.
 */
import { readDatabaseInPage } from '../support/database';
import type { BrowserContext, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/chromium';
import { claroAccountPage, claroReceiptPage, movistarAccountPage } from '../support/sample-pages';
import {
  expect,
  extensionServiceWorker,
  launchWithExtension,
  openCarrierPage,
  openPopup,
  sendMessage as send,
  snapshotStores as snapshot,
  test,
} from './fixtures';
import { OverlayObject } from './overlay';
import { readStore } from './worker';

const NEWER_VERSION = '9.9.0';

let root = '';
let buildA = '';
let buildB = '';

function build(outDir: string, env: Record<string, string>) {
  const result = spawnSync('npx', ['wxt', 'build'], {
    cwd: REPO_ROOT,
    env: { ...process.env, LINEKEEPER_OUT_DIR: outDir, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`wxt build failed:\n${result.stdout}\n${result.stderr}`);
  return path.join(outDir, 'chrome-mv3');
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  root = mkdtempSync(path.join(tmpdir(), 'linekeeper-update-'));
  // Sequential: both builds regenerate the shared .wxt folder.
  buildA = build(path.join(root, 'a'), {});
  buildB = build(path.join(root, 'b'), {
    LINEKEEPER_TEST_SCHEMA_V3: '1',
    LINEKEEPER_VERSION_OVERRIDE: NEWER_VERSION,
  });
  const manifest = (dir: string) =>
    JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { version: string };
  expect(manifest(buildB).version).toBe(NEWER_VERSION);
  expect(manifest(buildA).version).not.toBe(NEWER_VERSION);
});

test.afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Installs `build` into the one folder Chromium loads the extension from. */
function install(extensionDir: string, build: string, userDataDir: string) {
  // Chromium's cache of the registered worker script: on a relaunch it would keep running
  // the previous build's worker even though the manifest and pages are the new build's.
  rmSync(path.join(userDataDir, 'Default', 'Service Worker'), { recursive: true, force: true });
  rmSync(extensionDir, { recursive: true, force: true });
  cpSync(build, extensionDir, { recursive: true });
}

/** The database's native IndexedDB version (Dexie's version × 10), read without our code. */
async function nativeVersion(worker: Page): Promise<number> {
  return (await worker.evaluate(readDatabaseInPage, { stores: [] })).version;
}

/**
 * An extension page of `build`, once Chromium runs that build. State is read from an
 * extension page (same origin, same IndexedDB) that never opens the database itself: the
 * extension's manifest.json.
 */
async function runningBuild(
  context: BrowserContext,
  extensionId: string,
  build: string,
): Promise<Page> {
  const want = (
    JSON.parse(readFileSync(path.join(build, 'manifest.json'), 'utf8')) as { version: string }
  ).version;
  const url = `chrome-extension://${extensionId}/manifest.json`;
  let last: string | null = null;
  for (let attempt = 0; attempt < 40; attempt++) {
    const page = await context.newPage();
    try {
      await page.goto(url);
      last = await page.evaluate(() => chrome.runtime.getManifest().version);
      if (last === want) return page;
    } catch {
      // The extension is still reloading.
    }
    await page.close().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Chromium never ran version ${want} of the extension (last: ${last})`);
}

test.describe.configure({ timeout: 150_000 });

test('update migrates every record; downgrade is refused clearly and changes nothing', async () => {
  const userDataDir = mkdtempSync(path.join(root, 'profile-'));
  const extensionDir = path.join(root, 'installed');
  let context: BrowserContext | null = null;
  const launch = async (which: string) => {
    install(extensionDir, which, userDataDir);
    context = await launchWithExtension({ userDataDir, extensionDir });
    const extensionId = new URL((await extensionServiceWorker(context)).url()).host;
    const worker = await runningBuild(context, extensionId, which);
    return { context, worker, extensionId };
  };
  try {
    // ── A (shipped, v2): fill data through the real pages and a real settings change.
    let session = await launch(buildA);
    const now = new Date();
    for (const sample of [claroAccountPage(now, 5), movistarAccountPage(now, 19)]) {
      await openCarrierPage(session.context, sample.url, sample.html);
    }
    const receipt = claroReceiptPage(now);
    await openCarrierPage(session.context, receipt.url, receipt.html);
    await expect.poll(async () => (await readStore(session.worker, 'renewals')).length).toBe(1);
    await expect.poll(async () => (await readStore(session.worker, 'readings')).length).toBe(3);
    let popup = await openPopup(session.context, session.extensionId);
    expect(
      await send(popup, { type: 'ui:save-settings', settings: { reminderHour: 8 } }),
    ).toMatchObject({ ok: true });
    const v2 = await snapshot(session.worker);
    expect(await nativeVersion(session.worker)).toBe(20);
    expect(v2.lines).toHaveLength(2);
    await session.context.close();

    // ── B (newer, v3): the upgrade touched every line and reading and lost nothing.
    session = await launch(buildB);
    await expect.poll(() => nativeVersion(session.worker)).toBe(30);
    const v3 = await snapshot(session.worker);
    expect(v3.lines).toEqual(v2.lines.map((line) => ({ ...line, tags: [] })));
    expect(v3.readings).toEqual(v2.readings.map((reading) => ({ ...reading, tags: [] })));
    expect(v3.renewals).toEqual(v2.renewals);
    expect(v3.settings).toEqual(v2.settings);
    popup = await openPopup(session.context, session.extensionId);
    await expect(popup.getByRole('alert')).toHaveCount(0);
    await expect(popup.getByText('Mi Claro').or(popup.getByText('Claro')).first()).toBeVisible();
    await session.context.close();

    // ── A again (downgrade): refused in words, nothing written.
    session = await launch(buildA);
    popup = await openPopup(session.context, session.extensionId);
    const alert = popup.getByRole('alert');
    await expect(alert).toContainText('Your data is from a newer LineKeeper');
    await expect(alert).toContainText(
      'This data was saved by a newer LineKeeper version; update the extension — nothing was changed.',
    );
    const refused = await send(popup, { type: 'ui:save-settings', settings: { reminderHour: 21 } });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/database-newer/);
    // A carrier page with a new balance: the background refuses it, the overlay says so.
    const changed = claroAccountPage(new Date(), 9);
    const page = await openCarrierPage(
      session.context,
      changed.url,
      changed.html.replace('1.234', '4.321'),
    );
    await new OverlayObject(page).waitForText(/couldn't save this reading/i);
    // The background is alive and still refusing (it did not crash on the error).
    expect((await send(popup, { type: 'ui:export-backup' })).ok).toBe(false);
    expect(await nativeVersion(session.worker)).toBe(30);
    expect(await snapshot(session.worker)).toEqual(v3);
    await session.context.close();

    // ── B again: everything intact.
    session = await launch(buildB);
    await expect.poll(() => nativeVersion(session.worker)).toBe(30);
    expect(await snapshot(session.worker)).toEqual(v3);
    popup = await openPopup(session.context, session.extensionId);
    await expect(popup.getByRole('alert')).toHaveCount(0);
    await session.context.close();
    context = null;
  } finally {
    await (context as BrowserContext | null)?.close();
  }
});
