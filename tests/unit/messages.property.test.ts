/**
 * 10,000 random and malformed messages from random (often spoofed) senders: the handler
 * never throws, answers every one with `{ ok: false, error }`, and the database is unchanged.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage, type MessageSender } from '../../utils/background/dispatch';
import {
  carrierSender,
  freshDb,
  messageDeps,
  popupSender,
  reading,
  snapshot,
} from './background-helpers';
import { ACCOUNT_PAGE } from '../support/page-facts';

const TYPES = [
  'cs:reading',
  'cs:hide-overlay',
  'cs:dismiss-overlay',
  'cs:open-add-line',
  'ui:add-line',
  'ui:update-line',
  'ui:delete-line',
  'ui:restore-line',
  'ui:record-renewal',
  'ui:assign-reading',
  'ui:add-line-from-reading',
  'ui:discard-reading',
  'ui:resolve-expiry',
  'ui:snooze-line',
  'ui:save-settings',
  'ui:import-backup',
  'ui:export-backup',
];
// cs:dismiss-overlay writes storage.session, not the database: its spoofed form is below.
const WRITE_TYPES = TYPES.filter(
  (t) => !['ui:export-backup', 'cs:open-add-line', 'cs:dismiss-overlay'].includes(t),
);

const nasty = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'type', 'lineId', 'reading'),
  fc.string({ maxLength: 12 }),
);
const hugeString = fc.constantFrom(
  'x'.repeat(100_000),
  '+549'.padEnd(70_000, '1'),
  '/'.repeat(5000),
);
const junk = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2),
    fc.string({ maxLength: 30 }),
    hugeString,
    fc.constantFrom(
      '2026-02-30',
      '2026-13-01',
      '+5491134567812',
      '2026-05-01T12:00:00Z',
      '/path?q=1',
    ),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nasty, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Messages that look almost right: a real type with broken, missing or extra fields. */
const nearMiss = fc
  .record({
    type: fc.constantFrom(...WRITE_TYPES),
    fields: fc.dictionary(
      fc.constantFrom(
        'reading',
        'path',
        'readAt',
        'lineId',
        'carrier',
        'msisdn',
        'label',
        'expiresOn',
        'balance',
        'patch',
        'trashId',
        'date',
        'amount',
        'months',
        'paymentMethod',
        'operationId',
        'note',
        'newExpiresOn',
        'readingId',
        'keep',
        'until',
        'settings',
        'backup',
        'scope',
        'prefill',
        '__proto__',
        'constructor',
      ),
      junk,
      { maxKeys: 6 },
    ),
  })
  .map(({ type, fields }) => {
    const message: Record<string, unknown> = JSON.parse(JSON.stringify(fields) ?? '{}');
    message.type = type;
    // An empty settings patch is a valid message; keep this one broken.
    if (type === 'ui:save-settings')
      message.settings = { ...Object(message.settings), reminderHour: 24 };
    // A message of no fields is broken only by one it does not know (here: the retired scope).
    if (type === 'cs:hide-overlay' && Object.keys(message).length === 1) message.scope = 'carrier';
    return message;
  });

/** Valid messages that must still be refused because of who sent them. */
const spoofed = fc.record({
  message: fc.constantFrom(
    {
      type: 'cs:reading',
      reading: reading(),
      path: '/',
      readAt: new Date().toISOString(),
      page: ACCOUNT_PAGE,
    },
    { type: 'cs:hide-overlay' },
    { type: 'cs:dismiss-overlay', path: '/' },
    {
      type: 'ui:add-line',
      carrier: 'claro',
      msisdn: null,
      label: 'x',
      expiresOn: null,
      balance: null,
    },
    { type: 'ui:save-settings', settings: { reminderHour: 3 } },
  ),
  sender: fc.constantFrom<MessageSender>(
    { ...carrierSender(), id: 'other-extension' },
    carrierSender('https://claro.com.ar.evil.net/'),
    carrierSender('https://sso.personal.com.ar/'),
    { id: fakeBrowser.runtime.id, url: 'https://m-miclaro.claro.com.ar/' },
    { ...popupSender(), tab: { id: 1, url: 'https://example.com/' } },
    { id: fakeBrowser.runtime.id, url: 'chrome-extension://another-id/popup.html' },
    {},
  ),
});

const randomSender = fc.oneof(
  fc.constant(carrierSender()),
  fc.constant(popupSender()),
  fc.record({
    id: fc.oneof(fc.constant(fakeBrowser.runtime.id), fc.string()),
    url: fc.oneof(fc.webUrl(), fc.string()),
  }),
  junk,
) as fc.Arbitrary<MessageSender>;

describe('handleMessage under random input', () => {
  const db = freshDb();
  // Real ids are fine: nothing may be written anyway.
  const clock = { now: Date.now() };
  const deps = messageDeps(db, clock, async () => {
    throw new Error('afterWrite must not run: nothing was written');
  });
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    // Some data to protect.
    await db.lines.add({
      id: 'keep',
      carrier: 'claro',
      msisdn: '+5491134567812',
      label: 'keep me',
      expiresOn: '2026-06-20',
      expirySource: 'page',
      expiryKnownSince: 0,
      balance: null,
      previousBalance: null,
      balanceAt: null,
      lastReadingAt: null,
      lastReadingPath: null,
      lastReadingKey: null,
      source: 'page',
      lastRechargeOn: null,
      snoozedUntil: null,
      lastReminder: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    before = await snapshot(db);
  });

  it('10,000 messages: no crash, an error reply each, database unchanged', async () => {
    const input = fc.oneof(
      fc.record({ message: junk, sender: randomSender }),
      fc.record({ message: nearMiss, sender: fc.constantFrom(carrierSender(), popupSender()) }),
      spoofed,
    );
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(input, async ({ message, sender }) => {
        const reply = await handleMessage(message, sender, deps);
        expect(reply.ok).toBe(false);
        expect(typeof (reply as { error: unknown }).error).toBe('string');
        expect((reply as { error: string }).error.length).toBeLessThanOrEqual(500);
        refused += 1;
      }),
      { numRuns: 10_000, seed: 20260501 },
    );
    expect(refused).toBe(10_000);
    expect(await snapshot(db)).toEqual(before);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(Object.prototype).not.toHaveProperty('p');
  }, 120_000);
});
