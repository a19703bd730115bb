/**
 * cs:reading answers with the overlay's text (utils/background/overlay-text.ts): in the
 * language chosen in LineKeeper's settings, in the corner chosen for the site
 * (cs:move-overlay), decided from the page's facts, and nothing where it is switched off.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LineKeeperDb } from '../../utils/background/db';
import { handleMessage, type MessageDeps } from '../../utils/background/dispatch';
import type { PageFacts } from '../../utils/protocol/messages';
import type { Reading } from '../../utils/domain/records';
import {
  carrierSender,
  freshDb,
  messageDeps,
  popupSender,
  reading,
  type Clock,
} from './background-helpers';
import { translatorFor } from '../support/i18n';
import { ACCOUNT_PAGE } from '../support/page-facts';

let db: LineKeeperDb;
let clock: Clock;
let deps: MessageDeps;

beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
  clock = { now: Date.parse('2026-05-01T15:00:00Z') };
  deps = messageDeps(db, clock);
});

async function overlayFor(r: Reading = reading(), page: PageFacts = ACCOUNT_PAGE, url?: string) {
  const reply = await handleMessage(
    {
      type: 'cs:reading',
      reading: r,
      path: '/consumos',
      readAt: new Date(clock.now).toISOString(),
      page,
    },
    carrierSender(url),
    deps,
  );
  if (!reply.ok || !('overlay' in reply)) throw new Error(JSON.stringify(reply));
  return reply.overlay;
}

const cs = (message: Record<string, unknown>) => handleMessage(message, carrierSender(), deps);
const ui = (message: Record<string, unknown>) => handleMessage(message, popupSender(), deps);

describe("cs:reading's overlay", () => {
  it('speaks the language chosen in settings, not the browser’s', async () => {
    expect((await overlayFor())?.title?.text).toMatch(/^Saved · /);
    await ui({ type: 'ui:save-settings', settings: { language: 'zh_CN' } });
    const zh = await overlayFor(reading({ balance: { amount: 10, currency: 'ARS' } }));
    const t = translatorFor('zh_CN');
    expect(zh).toMatchObject({ mode: 'saved', lang: 'zh-CN', brand: t('extName') });
    expect(zh?.title?.text.startsWith(t('overlaySaved'))).toBe(true);
    await ui({ type: 'ui:save-settings', settings: { language: 'es' } });
    expect((await overlayFor())?.lang).toBe('es-AR');
  });

  it('is decided from the page facts: checklist on a recharge page, failure on a failed one', async () => {
    const none = reading({ kind: 'none', msisdn: null, balance: null, expiresOn: null });
    const quiet = { ...ACCOUNT_PAGE.signals, accountVocabulary: false };
    expect((await overlayFor(none, { urlKind: 'recharge', signals: quiet }))?.mode).toBe(
      'checklist',
    );
    const failed = { ...quiet, paymentFailed: true, notCharged: true };
    expect((await overlayFor(none, { urlKind: 'receipt', signals: failed }))?.mode).toBe('failed');
    expect(await overlayFor(none, { urlKind: 'login', signals: quiet })).toBeNull();
    expect(await overlayFor(none, { urlKind: 'other', signals: quiet })).toBeNull();
  });

  it('sits in the corner chosen for the site, remembered per host', async () => {
    expect((await overlayFor())?.corner).toBe('right');
    expect(await cs({ type: 'cs:move-overlay', corner: 'left' })).toEqual({ ok: true });
    expect((await overlayFor())?.corner).toBe('left');
    // Another carrier host keeps its own corner.
    expect(
      (await overlayFor(reading(), ACCOUNT_PAGE, 'https://www.claro.com.ar/personas'))?.corner,
    ).toBe('right');
    expect(await cs({ type: 'cs:move-overlay', corner: 'right' })).toEqual({ ok: true });
    expect((await overlayFor())?.corner).toBe('right');
    expect(await cs({ type: 'cs:move-overlay', corner: 'up' })).toMatchObject({ ok: false });
  });

  it('is null where the overlay is hidden or was closed, while the reading is still stored', async () => {
    await cs({ type: 'cs:hide-overlay' });
    const reply = await handleMessage(
      {
        type: 'cs:reading',
        reading: reading(),
        path: '/consumos',
        readAt: new Date(clock.now).toISOString(),
        page: ACCOUNT_PAGE,
      },
      carrierSender(),
      deps,
    );
    expect(reply).toMatchObject({
      ok: true,
      outcome: 'saved',
      overlayDisabled: true,
      overlay: null,
    });
  });

  it('refuses a reading without its page facts', async () => {
    const reply = await cs({
      type: 'cs:reading',
      reading: reading(),
      path: '/consumos',
      readAt: new Date(clock.now).toISOString(),
    });
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid cs:reading/) });
  });
});
