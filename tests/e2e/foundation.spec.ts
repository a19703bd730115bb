import { claroAccountPage } from '../support/sample-pages';
import { expect, test } from './fixtures';
import { OverlayObject } from './overlay';
import { alarms, badge, readStore } from './worker';

test('a Claro account page becomes a saved line: overlay, IndexedDB, popup row, badge and alarm', async ({
  serviceWorker,
  openCarrierPage,
  openPopup,
  unroutedRequests,
}) => {
  const sample = claroAccountPage(new Date(), 5);
  const page = await openCarrierPage(sample.url, sample.html);

  // The overlay on the carrier page says what was saved.
  const overlay = new OverlayObject(page);
  const text = await overlay.waitForText(/Saved/);
  expect(text).toContain('+54 9 11 3456-7812');
  expect(text).toContain('in 5 days');
  expect(text).toContain('1,234.56');
  expect(await overlay.count()).toBe(1);

  // IndexedDB holds the line exactly as the page showed it.
  const lines = await readStore(serviceWorker, 'lines');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({
    carrier: 'claro',
    msisdn: sample.msisdn,
    expiresOn: sample.expiresOn,
    balance: { amount: sample.balance, currency: 'ARS' },
  });

  // The popup lists it with its days left.
  const popup = await openPopup();
  const row = popup.getByRole('listitem').filter({ hasText: '+54 9 11 3456-7812' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('in 5 days');

  // Badge: days left inside the 7-day lead window; a reminder alarm is armed.
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('5');
  const armed = await alarms(serviceWorker);
  expect(armed.some((alarm) => alarm.scheduledTime > Date.now())).toBe(true);

  // Offline: nothing tried to reach the network.
  expect(unroutedRequests).toEqual([]);
});
