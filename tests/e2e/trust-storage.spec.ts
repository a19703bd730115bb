/**
 * Storage failures in a real Chromium with the real extension (issue #7, trust item 7):
 * IndexedDB full or unavailable → a visible error in the popup and the overlay, no crash
 * loop, no partial writes, and recovery once storage is back.
 *
 * How storage is made to fail for real (CDP Storage.overrideQuotaForOrigin has no effect
 * on the chrome-extension:// origin):
 * - Full: the profile's IndexedDB folder is a small tmpfs; once the extension has its
 *   database there, a ballast file takes every free byte. Chromium 156 then fails the next IndexedDB commit
 *   that needs a new page ("IO error … 000003.log: FILE_ERROR_NO_SPACE"; Dexie in the
 *   worker sees AbortError, or "Maximum key generator value reached" for an auto-increment
 *   store), closes the connection, and every open fails ("Internal error opening backing
 *   store") until space is freed. A commit that still fits in the LevelDB log's last,
 *   partly used page succeeds, so the page is read again (new balance each time) until
 *   one write fails; each write is checked to be wholly there or wholly absent.
 * - Unavailable: the database's LevelDB folder is replaced by a regular file while the
 *   browser is closed; every open fails the same way.
 *
 * No root needed: the tmpfs lives in a mount namespace of an unprivileged user namespace
 * (`unshare`, util-linux), Chromium runs inside it (`nsenter`), and the test reaches the
 * small disk through `/proc/<pid>/root`. Never skipped: if the namespace or the tmpfs
 * cannot be made, the test fails and says why.
 */
import type { BrowserContext, ConsoleMessage, Page, Worker } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { chromiumPath } from '../support/chromium';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  statfsSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { claroAccountPage, movistarAccountPage } from '../support/sample-pages';
import {
  expect,
  launchSession,
  localeMessages,
  openCarrierPage,
  openPopup,
  sendMessage,
  snapshotStores,
  test,
  type Session,
  type StoreSnapshot,
} from './fixtures';
import { OverlayObject } from './overlay';
import { badge, notificationIds, readStore } from './worker';

const LANGUAGE = 'es';
const t = localeMessages(LANGUAGE);
/** Room for LineKeeper's database (~16 KB of LevelDB files here) with margin. */
const DISK_MB = 2;
/** Re-reads of the page after the disk filled; the log's last page holds a few at most. */
const MAX_VISITS_ON_FULL_DISK = 8;
/** Idle time after the failures, to see that nothing keeps failing (retrying) by itself. */
const QUIET_MS = 3000;
/** statfs f_type of a tmpfs (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SAVED_OR_FAILED = new RegExp(
  `${escape(t('overlaySaved'))}|${escape(t('overlayErrorTitle'))}`,
);
/** The overlay's localised cause of a storage failure (disk full, or IndexedDB failing). */
const storageCause = new RegExp(
  `${escape(t('popupErrStorageFull'))}|${escape(t('popupStorageErrorBody'))}`,
);

// ───────────────────────── the small disk ─────────────────────────

const holders: ChildProcess[] = [];
let scratch = '';

test.beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'linekeeper-storage-'));
});

test.afterAll(() => {
  // Even after a failure or a timeout: every namespace gone (its tmpfs with it), the
  // scratch folder gone.
  for (const holder of holders.splice(0)) holder.kill('SIGKILL');
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

interface SmallDisk {
  dir: string;
  /** Chromium started inside the namespace that sees the small disk at `dir`. */
  chromium: string;
  /** Free bytes as the file system reports them. */
  free(): number;
  /** Takes every free byte with a ballast file; throws if any byte is left. */
  fill(): void;
  /** Deletes the ballast. */
  release(): void;
  unmount(): void;
}

/**
 * A DISK_MB tmpfs at `dir` (created if missing), seen only inside a new user + mount
 * namespace: a holder process keeps the namespace alive, Chromium joins it.
 */
async function mountSmallDisk(dir: string): Promise<SmallDisk> {
  mkdirSync(dir, { recursive: true });
  const holder = spawn(
    'unshare',
    [
      '--user',
      '--map-root-user',
      '--mount',
      'sh',
      '-c',
      `mount -t tmpfs -o size=${DISK_MB}m tmpfs "$0" && echo mounted && exec sleep 100000`,
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  holders.push(holder);
  const output = await new Promise<string>((resolve) => {
    let text = '';
    const done = () => resolve(text);
    holder.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('mounted')) done();
    });
    holder.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    holder.on('exit', done);
  });
  if (!output.includes('mounted')) {
    throw new Error(
      `Could not make a ${DISK_MB} MB tmpfs in a user namespace at ${dir} (unshare: ` +
        `${output.trim() || 'no output'}). The kernel must allow unprivileged user namespaces.`,
    );
  }
  // The namespace's view of `dir`, from outside it.
  const inside = path.join('/proc', String(holder.pid), 'root', dir);
  const ballast = path.join(inside, 'linekeeper-test-ballast');
  const free = () => {
    const stats = statfsSync(inside);
    return stats.bavail * stats.bsize;
  };
  const stats = statfsSync(inside);
  if (stats.type !== TMPFS_MAGIC || stats.blocks * stats.bsize > DISK_MB * 1024 * 1024) {
    throw new Error(`${dir} is not the ${DISK_MB} MB tmpfs just mounted`);
  }
  const chromium = path.join(scratch, `chromium-in-namespace-${holder.pid}.sh`);
  writeFileSync(
    chromium,
    `#!/bin/sh\nexec nsenter --target ${holder.pid} --user --mount --preserve-credentials -- ${JSON.stringify(chromiumPath())} "$@"\n`,
    { mode: 0o755 },
  );
  return {
    dir,
    chromium,
    free,
    fill() {
      // Page by page (tmpfs allocates pages) until the file system refuses.
      const fd = openSync(ballast, 'a');
      const page = Buffer.alloc(4096);
      try {
        for (;;) writeSync(fd, page);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
      if (free() !== 0) throw new Error(`the disk still has ${free()} bytes free`);
    },
    release() {
      rmSync(ballast, { force: true });
    },
    unmount() {
      holders.splice(holders.indexOf(holder), 1);
      holder.kill('SIGKILL');
    },
  };
}

// ───────────────────────── what the user and the worker show ─────────────────────────

/** Errors and warnings the worker logs (each failed operation logs a bounded number). */
function watchWorkerLog(worker: Worker): string[] {
  const log: string[] = [];
  worker.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') log.push(message.text());
  });
  return log;
}

/** Opens `html` at `url`, waits for the overlay's verdict, closes the tab. */
async function visit(context: BrowserContext, url: string, html: string): Promise<string> {
  const page = await openCarrierPage(context, url, html);
  try {
    return await new OverlayObject(page).waitForText(SAVED_OR_FAILED);
  } finally {
    await page.close();
  }
}

/** The Claro sample page with another balance: ARS <thousands>.234,56. */
function claroWithBalance(html: string, thousands: number) {
  const changed = html.replace('<span>1.234</span>', `<span>${thousands}.234</span>`);
  if (changed === html) throw new Error('the Claro sample page no longer shows 1.234,56');
  return { html: changed, amount: thousands * 1000 + 234.56 };
}

const balanceOf = (record: Record<string, unknown>) =>
  (record.balance as { amount: number } | null)?.amount ?? null;

/**
 * A popup opened now, while IndexedDB fails: the storage error in the user's language,
 * not a blank page, a spinner or a crash.
 */
async function expectPopupStorageError(
  session: Session,
): Promise<{ popup: Page; popupLog: string[] }> {
  const popup = await openPopup(session.context, session.extensionId);
  const popupLog: string[] = [];
  popup.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') popupLog.push(message.text());
  });
  const alert = popup.getByRole('alert').filter({ hasText: t('popupStorageErrorTitle') });
  await expect(alert).toContainText(t('popupStorageErrorBody'));
  await expect(popup.locator('[aria-busy="true"]')).toHaveCount(0);
  return { popup, popupLog };
}

/**
 * The worker is alive and answers every message with a storage error (it neither hangs
 * nor crashes), pops no notification, leaves the badge alone, logs each failure a bounded
 * number of times, and once left idle logs nothing more: it does not retry in a loop.
 * `failedBefore`: messages that failed before this check (the overlay's reading);
 * `reconcilesBefore`: reconciles that ran while storage was failing (one after each write
 * that still succeeded; the worker's start-up ones when it started so).
 */
async function expectWorkerCalmlyFailing(
  session: Session,
  { popup, popupLog }: { popup: Page; popupLog: string[] },
  log: string[],
  expected: {
    badge: Awaited<ReturnType<typeof badge>>;
    failedBefore: number;
    reconcilesBefore: number;
  },
) {
  const exported = await sendMessage(popup, { type: 'ui:export-backup' });
  expect(exported.ok).toBe(false);
  expect(exported.error).toMatch(/^failed: storage-failed: /);
  const attempts = 3;
  for (let i = 0; i < attempts; i++) {
    const reply = await sendMessage(popup, {
      type: 'ui:save-settings',
      settings: { reminderHour: 6 },
    });
    expect(reply).toMatchObject({ ok: false });
    expect(reply.error).toMatch(/^failed: storage-failed: /);
  }
  expect(await notificationIds(session.worker)).toEqual([]);
  expect(await badge(session.worker)).toEqual(expected.badge);

  // Bounded logging: exactly one line per failed message from the handler; at most a few
  // per operation in all (handler, reconcile, the popup's list snapshot), plus Dexie's own
  // retries of a failing open (at most 3 per worker: its workaround for Chrome's
  // UnknownError); and nothing but our own and Dexie's lines.
  const count = (pattern: RegExp) => log.filter((line) => pattern.test(line)).length;
  const messages = expected.failedBefore + 1 + attempts;
  // (A log line travels apart from the reply it came with: wait for it.)
  await expect.poll(() => count(/^LineKeeper: message handler failed/)).toBe(messages);
  const dexieRetries = count(/^Dexie: Workaround for Chrome UnknownError on open/);
  expect(dexieRetries).toBeLessThanOrEqual(3);
  expect(log.filter((line) => !/^(LineKeeper|Dexie): /.test(line))).toEqual([]);
  expect(log.length - dexieRetries).toBeLessThanOrEqual(3 * (messages + expected.reconcilesBefore));
  const logged = log.length;
  const popupLogged = popupLog.length;
  await popup.waitForTimeout(QUIET_MS);
  expect(log.slice(logged)).toEqual([]);
  // The popup does not retry in a loop either, and still shows its error.
  expect(popupLog.slice(popupLogged)).toEqual([]);
  await expect(
    popup.getByRole('alert').filter({ hasText: t('popupStorageErrorTitle') }),
  ).toBeVisible();
  // Still the same worker (Playwright's handle dies with it): it was never restarted.
  expect(await session.worker.evaluate(() => 'alive')).toBe('alive');
  expect(session.context.serviceWorkers()).toHaveLength(1);
}

test.describe.configure({ timeout: 120_000 });

test('a full disk: the failing reading is refused whole and said so; freeing space heals', async () => {
  const userDataDir = path.join(scratch, 'full-profile');
  // Only the profile's IndexedDB folder is on the small disk: on a whole-profile tmpfs,
  // Chromium deletes files of its own now and then (72 KB once, seconds after the disk
  // filled), and IndexedDB, given that room, opened and wrote again at random.
  const disk = await mountSmallDisk(path.join(userDataDir, 'Default', 'IndexedDB'));
  let session: Session | null = null;
  try {
    session = await launchSession({
      userDataDir,
      language: LANGUAGE,
      executablePath: disk.chromium,
    });
    const { context, worker } = session;
    const log = watchWorkerLog(worker);
    const now = new Date();
    const claro = claroAccountPage(now, 5);

    // A reading stored normally: the database exists on the small disk.
    expect(await visit(context, claro.url, claro.html)).toContain(t('overlaySaved'));
    await expect.poll(async () => (await readStore(worker, 'readings')).length).toBe(1);
    const before = await snapshotStores(worker);
    const badgeBefore = await badge(worker);
    expect(balanceOf(before.lines[0]!)).toBe(claro.balance);

    disk.fill();

    // The user reads the page again (new balance each time) until IndexedDB refuses one.
    const saved: number[] = [];
    let failed: { amount: number; overlay: string } | null = null;
    for (let n = 2; n < 2 + MAX_VISITS_ON_FULL_DISK && !failed; n++) {
      const page = claroWithBalance(claro.html, n);
      const overlay = await visit(context, claro.url, page.html);
      if (overlay.includes(t('overlayErrorTitle'))) failed = { amount: page.amount, overlay };
      else saved.push(page.amount);
    }
    if (!failed) {
      throw new Error(
        `${MAX_VISITS_ON_FULL_DISK} readings were all saved on a full disk: ` +
          'the ballast did not make IndexedDB fail',
      );
    }
    // The overlay says it, and why, in the user's language (no raw error text).
    expect(failed.overlay).toContain(t('overlayErrorTitle'));
    expect(failed.overlay).toMatch(storageCause);
    expect(failed.overlay).not.toMatch(/storage-failed|Error/);
    expect(failed.overlay).not.toContain(t('overlaySaved'));
    test.info().annotations.push({
      type: 'readings saved on the full disk before one failed',
      description: String(saved.length),
    });

    const { popup, popupLog } = await expectPopupStorageError(session);
    await expectWorkerCalmlyFailing(session, { popup, popupLog }, log, {
      badge: badgeBefore,
      failedBefore: 1,
      reconcilesBefore: saved.length,
    });
    await popup.close();
    // All of the above ran against a disk that stayed full.
    expect(disk.free()).toBe(0);

    disk.release();

    // Whole writes or none: everything from before, each reading the overlay called saved
    // (with its line update), and no trace of the refused one or of the refused settings.
    const after = await snapshotStores(worker);
    expect(after.readings.slice(0, before.readings.length)).toEqual(before.readings);
    expect(after.readings.slice(before.readings.length).map(balanceOf)).toEqual(saved);
    expect(after.lines).toHaveLength(1);
    const line = after.lines[0]!;
    const lineBefore = before.lines[0]!;
    expect(line.id).toBe(lineBefore.id);
    expect(line.msisdn).toBe(lineBefore.msisdn);
    expect(line.expiresOn).toBe(lineBefore.expiresOn);
    expect(balanceOf(line)).toBe(saved.at(-1) ?? claro.balance);
    expect(JSON.stringify(after)).not.toContain(String(failed.amount));
    expect(after.renewals).toEqual(before.renewals);
    expect(after.settings).toEqual(before.settings);
    expect(after.trash).toEqual(before.trash);

    // Space is back: the next reading is stored, by the same worker (no restart needed).
    const movistar = movistarAccountPage(now, 19);
    expect(await visit(context, movistar.url, movistar.html)).toContain(t('overlaySaved'));
    const healed = await snapshotStores(worker);
    expect(healed.lines.map((l) => l.msisdn).sort()).toEqual(
      [claro.msisdn, movistar.msisdn].sort(),
    );
    expect(healed.readings.slice(0, after.readings.length)).toEqual(after.readings);
    expect(healed.readings.slice(after.readings.length).map(balanceOf)).toEqual([movistar.balance]);
    const popupAgain = await openPopup(context, session.extensionId);
    await expect(popupAgain.locator('body')).toContainText('Claro');
    await expect(popupAgain.locator('body')).toContainText('Movistar');
    await expect(popupAgain.getByRole('alert')).toHaveCount(0);
    expect(await worker.evaluate(() => 'alive')).toBe('alive');
  } finally {
    await session?.context.close();
    disk.unmount();
  }
});

test('IndexedDB unavailable: popup and overlay say so, the worker keeps answering, nothing is lost', async () => {
  const userDataDir = path.join(scratch, 'unavailable-profile');
  let session: Session | null = null;
  try {
    session = await launchSession({ userDataDir, language: LANGUAGE });
    const now = new Date();
    const claro = claroAccountPage(now, 5);
    expect(await visit(session.context, claro.url, claro.html)).toContain(t('overlaySaved'));
    await expect.poll(async () => (await readStore(session!.worker, 'readings')).length).toBe(1);
    const before: StoreSnapshot = await snapshotStores(session.worker);
    const { extensionId } = session;
    await session.context.close();
    session = null;

    // The database's folder becomes a regular file.
    const folder = path.join(
      userDataDir,
      'Default',
      'IndexedDB',
      `chrome-extension_${extensionId}_0.indexeddb.leveldb`,
    );
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new Error(`LineKeeper's IndexedDB folder is not where expected: ${folder}`);
    }
    renameSync(folder, `${folder}.aside`);
    writeFileSync(folder, 'not a database');

    session = await launchSession({ userDataDir, language: LANGUAGE });
    expect(session.extensionId).toBe(extensionId);
    const log = watchWorkerLog(session.worker);
    const badgeBefore = await badge(session.worker);
    const { popup, popupLog } = await expectPopupStorageError(session);
    const movistar = movistarAccountPage(now, 19);
    const overlay = await visit(session.context, movistar.url, movistar.html);
    expect(overlay).toContain(t('overlayErrorTitle'));
    expect(overlay).toMatch(storageCause);
    expect(overlay).not.toContain(t('overlaySaved'));
    await expectWorkerCalmlyFailing(session, { popup, popupLog }, log, {
      badge: badgeBefore,
      failedBefore: 1,
      // The worker started on the broken database: its 'wake' and 'installed' reconciles.
      reconcilesBefore: 2,
    });
    await popup.close();

    // The folder is back: the next reading is stored by the same worker, nothing was lost.
    rmSync(folder);
    renameSync(`${folder}.aside`, folder);
    expect(await visit(session.context, movistar.url, movistar.html)).toContain(t('overlaySaved'));
    const after = await snapshotStores(session.worker);
    expect(after.readings.slice(0, before.readings.length)).toEqual(before.readings);
    expect(after.readings.slice(before.readings.length).map(balanceOf)).toEqual([movistar.balance]);
    expect(after.lines.filter((l) => l.id === before.lines[0]!.id)).toEqual(before.lines);
    expect(after.lines).toHaveLength(2);
    expect(after.settings).toEqual(before.settings);
    expect(await session.worker.evaluate(() => 'alive')).toBe('alive');
  } finally {
    await session?.context.close();
  }
});
