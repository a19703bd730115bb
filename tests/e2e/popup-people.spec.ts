/**
 * The popup for the people who use it: a family's lines on one screen, the language they
 * choose (popup, badge and notifications), what to do when a line has expired, forms that
 * prevent mistakes, and help when recharging. Real extension, real Chromium, an English
 * browser unless a test says otherwise.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page, Worker } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { formatIsoDate } from '../../utils/domain/format';
import { familyBackup } from '../support/family';
import { buenosAiresDatePlus } from '../support/sample-pages';
import { expect, localeMessages, sendMessage, serveHtml, test } from './fixtures';
import { alarms, badge, notificationIds, readStore } from './worker';

// The harness refuses every unrouted request: let the extension's own files through.
test.beforeEach(async ({ context }) => {
  await context.route(
    (url) => url.protocol === 'chrome-extension:',
    (route) => route.continue(),
  );
});

const today = (days = 0) => buenosAiresDatePlus(new Date(), days);
const en = localeMessages('en');
const zh = localeMessages('zh_CN');

/** Imports a family's lines (as a backup) and reopens the list. */
async function importFamily(popup: Page, options: Parameters<typeof familyBackup>[1]) {
  const family = familyBackup(new Date(), options);
  const reply = await sendMessage(popup, { type: 'ui:import-backup', backup: family.backup });
  expect(reply.ok, reply.error).toBe(true);
  await popup.reload();
  return family;
}

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target).join(', ')}`),
  ).toEqual([]);
}

/** Rows whose whole box is inside the list's scrolling area, without scrolling it. */
async function fullyVisibleRows(popup: Page): Promise<string[]> {
  return popup.evaluate(() => {
    const main = document.querySelector('main')!.getBoundingClientRect();
    const bottom = Math.min(main.bottom, innerHeight);
    return [...document.querySelectorAll<HTMLElement>('li[data-line-id]')]
      .filter((row) => {
        const box = row.getBoundingClientRect();
        return box.top >= main.top && box.bottom <= bottom;
      })
      .map((row) => row.querySelector('h3')!.textContent!);
  });
}

/** Records what the extension's worker asks chrome.notifications to show. */
async function recordNotifications(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const shown: Record<string, { title: string; message: string }> = {};
    (self as unknown as { lkShown: typeof shown }).lkShown = shown;
    const create = chrome.notifications.create.bind(chrome.notifications);
    chrome.notifications.create = ((...args: unknown[]) => {
      shown[args[0] as string] = args[1] as { title: string; message: string };
      return (create as (...a: unknown[]) => unknown)(...args);
    }) as typeof chrome.notifications.create;
  });
}

test('17 lines and a waiting reading: at least 6 lines show at 400 × 600 without scrolling', async ({
  openPopup,
}) => {
  const popup = await openPopup();
  await importFamily(popup, { lines: 17, labels: ['Mum', 'Dad', 'Ana'], waiting: true });
  await expect(popup.getByRole('heading', { name: 'Your lines (17)' })).toBeVisible();
  // The waiting reading is one folded row above the list.
  const waiting = popup.getByRole('region', { name: '1 reading waits for a line' });
  await expect(waiting).toBeVisible();
  expect((await waiting.boundingBox())!.height).toBeLessThan(40);

  const visible = await fullyVisibleRows(popup);
  expect(visible.length).toBeGreaterThanOrEqual(6);
  // Most urgent first: expired, then today, then 2 days left…
  expect(visible.slice(0, 3)).toEqual(['Mum', 'Dad', 'Ana']);
  const first = popup.locator('li[data-line-id]').first();
  await expect(first).toContainText('Expired · expired 3 days ago');
  await expect(first).toContainText('Claro');
  await expect(first).toContainText(formatIsoDate(today(-3), 'en'));
  await expect(first.getByRole('button', { name: 'Recharge — Mum' })).toBeVisible();
  // Nothing scrolls sideways.
  expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
});

test('choosing 中文 in Settings turns the popup, the badge and the notifications Chinese', async ({
  openPopup,
  serviceWorker,
}) => {
  const popup = await openPopup();
  // Five days left: the 3-days-before reminder is armed, whatever the time of day.
  const expiresOn = today(5);
  const added = await sendMessage(popup, {
    type: 'ui:add-line',
    carrier: 'claro',
    msisdn: '+5491134567812',
    label: '',
    expiresOn,
    balance: null,
  });
  expect(added.ok, added.error).toBe(true);
  const lineId = (added.line as { id: string }).id;
  await expect(popup.locator('li[data-line-id]')).toHaveCount(1);
  await expect.poll(async () => (await badge(serviceWorker)).title).toContain('expires on');

  await popup.getByRole('button', { name: 'Settings' }).click();
  const languages = popup.getByRole('group', { name: 'Language' });
  // Each language is named in itself.
  await expect(languages.getByRole('radio')).toHaveCount(4);
  await expect(languages.getByLabel('Follow the browser')).toBeChecked();
  await languages.getByLabel('简体中文').check();

  // The popup speaks Chinese at once, and marks its language.
  await expect(popup.getByRole('heading', { name: '设置', level: 2 })).toBeVisible();
  await expect(popup.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(popup.getByRole('group', { name: '语言' }).getByLabel('简体中文')).toBeChecked();
  await popup.getByRole('button', { name: zh('popupSettings'), exact: true }).click();
  await expect(popup.getByRole('heading', { name: zh('popupLinesTitle', ['1']) })).toBeVisible();
  await expect(popup.locator('li[data-line-id]')).toContainText('5 天后');

  // The badge's tooltip: Chinese words and the popup's date style.
  const chineseDate = formatIsoDate(expiresOn, 'zh_CN');
  expect(chineseDate).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  await expect
    .poll(async () => (await badge(serviceWorker)).title)
    .toBe(zh('badgeTitle', ['Claro +54 9 11 3456-7812', chineseDate]));

  // A reminder alarm fires: its notification is Chinese too.
  const name = `lk:remind:${lineId}:${expiresOn}:3`;
  await expect.poll(async () => (await alarms(serviceWorker)).map((a) => a.name)).toContain(name);
  await recordNotifications(serviceWorker);
  await serviceWorker.evaluate(
    (alarm) => chrome.alarms.create(alarm, { when: Date.now() + 50 }),
    name,
  );
  await expect.poll(() => notificationIds(serviceWorker)).toEqual([`lk:line:${lineId}`]);
  const shown = await serviceWorker.evaluate(
    () =>
      (self as unknown as { lkShown: Record<string, { title: string; message: string }> }).lkShown,
  );
  expect(shown[`lk:line:${lineId}`]).toMatchObject({
    title: zh('notifTitle', ['Claro +54 9 11 3456-7812']),
    message: zh('notifBodyDays', [chineseDate, '5']),
  });

  // Reopened, the popup paints in Chinese from its first frame (the snapshot holds the choice).
  await popup.close();
  const again = await openPopup();
  await expect(again.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(again.getByRole('button', { name: zh('popupSettings'), exact: true })).toBeVisible();
  const stored = await readStore<{ value: { language: string } }>(serviceWorker, 'settings');
  expect(stored[0]!.value.language).toBe('zh_CN');
});

test('an expired line: what it can still do, the risk, what to do, whom to call, the glossary', async ({
  openPopup,
}) => {
  const popup = await openPopup();
  const { expiredLineId } = await importFamily(popup, { lines: 3, labels: ['Mum'] });
  await popup.locator(`li[data-line-id="${expiredLineId}"] h3 button`).click();
  const detail = popup.locator('.lk-detail');
  await expect(detail.getByRole('heading', { name: 'Mum', level: 2 })).toBeFocused();
  await expect(detail.getByTestId('detail-expiry')).toHaveText(
    en('detailExpiredOn', [formatIsoDate(today(-3), 'en')]),
  );

  const guidance = detail.getByRole('region', { name: 'This line has expired' });
  await expect(guidance).toContainText('can still receive calls and reach free and emergency');
  await expect(guidance).toContainText('How long that period is has not been published');
  await expect(guidance).toContainText('a recharge during that period usually restores it');
  // Claro's numbers, and where they can be dialled from, said to come from third parties.
  await expect(guidance.getByRole('listitem')).toHaveText([
    '*611 from a Claro line',
    '0800-123-25276 from any phone',
  ]);
  await expect(guidance).toContainText("Published by third parties: check the carrier's site.");

  // Every action is here: recharge, renew, edit, snooze, delete.
  const actions = detail.getByRole('group', { name: 'Actions' });
  for (const action of ['Recharge', 'Mark as renewed', 'Edit', 'Snooze until tomorrow', 'Delete']) {
    await expect(actions.getByRole('button', { name: `${action} — Mum` })).toBeVisible();
  }
  // The chart labels its axes and marks the recharge that raised the balance.
  const chart = detail.getByTestId('balance-chart');
  await expect(chart).toHaveAttribute('aria-label', /Recharge on /);
  await expect(chart.locator('[data-recharge]')).toHaveCount(1);
  const labels = chart.locator('text');
  await expect(labels).toHaveCount(4);
  await expect(labels.nth(0)).toHaveText('ARS\u00a02,500');
  await expect(labels.nth(1)).toHaveText('ARS\u00a00');
  await expect(labels.nth(2)).toHaveText(/\d{4}$/);
  await expect(labels.nth(3)).toHaveText(/\d{4}$/);

  // The detail never scrolls sideways in a 400 px popup.
  expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);

  await guidance.getByRole('button', { name: "What the carriers' words mean" }).click();
  const glossary = popup.getByRole('region', { name: "Carriers' words" });
  await expect(glossary.locator('dt')).toHaveText([
    'saldo',
    'vencimiento',
    'vigencia',
    'línea',
    'prepago',
    'recarga',
    'comprobante',
    'número de operación',
  ]);
  await expect(glossary.locator('dt').first()).toHaveAttribute('lang', 'es');
  await glossary.getByRole('button', { name: 'Back' }).click();
  await expect(detail.getByRole('heading', { name: 'Mum', level: 2 })).toBeVisible();
});

test('Recharge copies the number as the recharge page asks for it and says the last amount', async ({
  context,
  openPopup,
}) => {
  const popup = await openPopup();
  const { expiredLineId } = await importFamily(popup, { lines: 2, labels: ['Mum'] });
  // Chromium grants no clipboard-read to an extension page here: record what is written.
  await popup.evaluate(() => {
    const clipboard = navigator.clipboard;
    const write = clipboard.writeText.bind(clipboard);
    (window as unknown as { copied: string[] }).copied = [];
    clipboard.writeText = async (text: string) => {
      (window as unknown as { copied: string[] }).copied.push(text);
      await write(text).catch(() => undefined);
    };
  });
  const rechargeUrl = 'https://www.claro.com.ar/personas/recarga';
  await serveHtml(context, rechargeUrl, '<title>Recarga</title>');
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    popup
      .locator(`li[data-line-id="${expiredLineId}"]`)
      .getByRole('button', { name: 'Recharge — Mum' })
      .click(),
  ]);
  await tab.waitForLoadState('domcontentloaded');
  // Harness race (see popup.spec.ts): a tab can load before its route is attached.
  if (tab.url().startsWith('chrome-error://')) await tab.reload();
  expect(tab.url()).toBe(rechargeUrl);
  expect(await popup.evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual([
    '1140000000',
  ]);
  // The popup stays open (the page opened behind it) and says what it did.
  await expect(popup.getByRole('status')).toHaveText(
    'Number copied: 11 4000-0000 · Last time: ARS\u00a02,000 · The Claro recharge page is open in a new tab.',
  );
});

test.describe('in Spanish', () => {
  test.use({ language: 'es' });

  test('dates are typed day first; absurd amounts are too large; a past expiry asks first', async ({
    openPopup,
    serviceWorker,
  }) => {
    const es = localeMessages('es');
    const popup = await openPopup();
    await popup.getByRole('button', { name: es('popupAddLine') }).click();
    await popup.getByLabel(es('popupFieldCarrier')).selectOption('claro');
    await popup.getByLabel(es('popupFieldNumber')).fill('11 2345-6789');
    const expiry = popup.getByLabel(es('popupFieldExpiry'));
    // Not a date picker in the browser's order: a text field, day first, read back in words.
    await expect(expiry).toHaveAttribute('type', 'text');
    await expect(popup.getByText(es('formDateHint'), { exact: false })).toBeVisible();
    const [y, m, d] = today(20).split('-');
    await expiry.fill(`${d}/${m}/${y}`);
    await expect(popup.getByText(/^Se entiende: \S+, \d+ de \S+ de \d{4}$/)).toBeVisible();
    // Month first is caught, not read as another date.
    await expiry.fill('12/25/2026');
    await popup.getByLabel(es('popupFieldBalance')).fill('999999999999');
    await popup.getByRole('button', { name: es('popupAddSubmit'), exact: true }).click();
    await expect(popup.getByText(es('formErrDateMonthFirst'))).toBeVisible();
    await expect(popup.getByText(es('formErrAmountTooLarge'))).toBeVisible();
    expect(await readStore(serviceWorker, 'lines')).toEqual([]);

    // A date already past: the form asks before saving it.
    const [py, pm, pd] = today(-10).split('-');
    await expiry.fill(`${pd}/${pm}/${py}`);
    await popup.getByLabel(es('popupFieldBalance')).fill('1.500');
    await popup.getByRole('button', { name: es('popupAddSubmit'), exact: true }).click();
    const question = popup.getByRole('group', { name: /ya pasó/ });
    await expect(question).toContainText('la línea va a figurar como vencida');
    await expect(question.getByRole('button', { name: es('formPastExpiryConfirm') })).toBeFocused();
    await popup.waitForTimeout(300);
    expect(await readStore(serviceWorker, 'lines')).toEqual([]);
    await question.getByRole('button', { name: es('formPastExpiryConfirm') }).click();
    await expect(popup.locator('li[data-line-id]')).toContainText('venció hace 10 días');
    expect(await readStore(serviceWorker, 'lines')).toMatchObject([
      { expiresOn: today(-10), balance: { amount: 1500 } },
    ]);
  });

  test('"se muestra 1": a count of one reads in the singular', async ({ openPopup }) => {
    const popup = await openPopup();
    const { backup, expiredLineId } = familyBackup(new Date(), { lines: 1, labels: ['Mamá'] });
    backup.readings = backup.readings.slice(-1);
    const reply = await sendMessage(popup, { type: 'ui:import-backup', backup });
    expect(reply.ok, reply.error).toBe(true);
    await popup.reload();
    await popup.locator(`li[data-line-id="${expiredLineId}"] h3 button`).click();
    await expect(popup.locator('.lk-detail')).toContainText(
      'Las más recientes primero, se muestra 1',
    );
  });
});

test('a message belongs to its view: the snackbar closes when the view changes', async ({
  openPopup,
}) => {
  const popup = await openPopup();
  await importFamily(popup, { lines: 2, labels: ['Mum', 'Dad'] });
  const row = popup.locator('li[data-line-id]').filter({ hasText: 'Dad' });
  await row.getByRole('button', { name: /^More actions/ }).click();
  await row.getByRole('button', { name: 'Delete — Dad' }).click();
  await expect(popup.getByRole('status')).toHaveText(/Dad deleted\./);
  await popup.getByRole('button', { name: 'Add a line' }).click();
  await expect(popup.getByRole('heading', { name: 'Add a line by hand' })).toBeFocused();
  await expect(popup.locator('.snackbar')).toHaveCount(0);
});

test('the calendar has a reminder per reminder day, and says when an export went stale', async ({
  openPopup,
  serviceWorker,
}) => {
  const popup = await openPopup();
  await importFamily(popup, { lines: 2, labels: ['Mum', 'Dad'] });
  await popup.getByRole('button', { name: 'Settings' }).click();
  await expect(
    popup.getByText('reminder days (7 days before, 3 days before, 1 day before, on the day)'),
  ).toBeVisible();
  const [file] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: en('calendarExport') }).click(),
  ]);
  const text = readFileSync(await file.path(), 'utf8');
  const dad = text.split('BEGIN:VEVENT').find((event) => event.includes('Dad'))!;
  expect(dad.match(/TRIGGER:[^\r]+/g)).toEqual([
    'TRIGGER:-P7D',
    'TRIGGER:-P3D',
    'TRIGGER:-P1D',
    'TRIGGER:PT0S',
  ]);
  await expect(popup.getByTestId('calendar-exported')).toHaveText(
    en('calendarExportedOn', [formatIsoDate(today(), 'en')]),
  );
  await expect(popup.getByTestId('calendar-stale')).toHaveCount(0);

  // A renewal moves Dad's expiry: the export no longer matches, and the popup says so.
  const lines = await readStore<{ id: string; label: string }>(serviceWorker, 'lines');
  const dadId = lines.find((line) => line.label === 'Dad')!.id;
  const renewed = await sendMessage(popup, {
    type: 'ui:record-renewal',
    lineId: dadId,
    date: today(),
    amount: 2000,
    months: 1,
    paymentMethod: null,
    operationId: null,
    note: '',
    newExpiresOn: today(40),
  });
  expect(renewed.ok, renewed.error).toBe(true);
  await expect(popup.getByTestId('calendar-stale')).toHaveText(
    'Since then, the expiry of 1 line changed: export again.',
  );
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe-core finds no violations (${colorScheme}): list, menu, detail with guidance, glossary, settings, forms`, async ({
    openPopup,
  }) => {
    const popup = await openPopup();
    await popup.emulateMedia({ colorScheme });
    const { expiredLineId } = await importFamily(popup, {
      lines: 8,
      labels: ['Mum', 'Dad'],
      waiting: true,
    });
    await expect(popup.locator('li[data-line-id]')).toHaveCount(8);
    await popup.getByText('1 reading waits for a line').click();
    await expectNoAxeViolations(popup, 'list with a waiting reading');
    const mum = popup.locator(`li[data-line-id="${expiredLineId}"]`);
    await mum.getByRole('button', { name: /^More actions/ }).click();
    await expectNoAxeViolations(popup, 'row menu');

    await mum.locator('h3 button').click();
    await expect(popup.getByTestId('guidance')).toBeVisible();
    await expectNoAxeViolations(popup, 'detail');
    await popup.getByRole('button', { name: "What the carriers' words mean" }).click();
    await expectNoAxeViolations(popup, 'glossary');
    await popup.getByRole('button', { name: 'Back', exact: true }).click();

    await popup.getByRole('button', { name: 'Mark as renewed — Mum' }).click();
    await popup.getByLabel('Date of the recharge').fill('31/02/2026');
    await popup.getByRole('button', { name: 'Record renewal' }).click();
    await expect(popup.getByText(en('formErrDate'))).toBeVisible();
    await expectNoAxeViolations(popup, 'renewal form with an error');
    await popup.getByRole('button', { name: 'Cancel' }).click();

    await popup.getByRole('button', { name: 'Add a line' }).click();
    await popup.getByLabel('Carrier').selectOption('claro');
    await popup.getByLabel('Name (optional)').fill('Old SIM');
    await popup.getByLabel('Expiry date (optional)').fill(today(-5).split('-').reverse().join('/'));
    await popup.getByRole('button', { name: 'Add line', exact: true }).click();
    await expect(popup.getByRole('button', { name: en('formPastExpiryConfirm') })).toBeFocused();
    await expectNoAxeViolations(popup, 'add form asking about a past date');
    await popup.getByRole('button', { name: 'Cancel' }).click();

    await popup.getByRole('button', { name: 'Settings' }).click();
    await popup.getByLabel('Español').check();
    await expect(popup.getByRole('heading', { name: 'Ajustes', level: 2 })).toBeVisible();
    await expectNoAxeViolations(popup, 'settings in Spanish');
  });
}
