import { describe, expect, it } from 'vitest';
import {
  nextOverlayView,
  overlayViewFor,
  pageSignalsFor,
  pageSignalsFromText,
  type OverlayInputs,
  type ReadingAnswer,
} from '../../utils/content/overlay-view';
import type { Reading } from '../../utils/domain/records';
import type { LineSummary } from '../../utils/protocol/messages';

const account: Reading = {
  carrier: 'claro',
  kind: 'account',
  msisdn: '+5491134567812',
  balance: { amount: 1084.56, currency: 'ARS' },
  expiresOn: '2026-12-15',
  receipt: null,
  notes: [],
};
const nothing: Reading = { ...account, kind: 'none', msisdn: null, balance: null, expiresOn: null };
const line: LineSummary = {
  id: 'l1',
  carrier: 'claro',
  msisdn: '+5491134567812',
  label: '',
  displayName: 'Claro +54 9 11 3456-7812',
  expiresOn: '2026-12-15',
  estimated: false,
  daysLeft: 19,
  balance: { amount: 1084.56, currency: 'ARS' },
  lastRechargeOn: null,
  snoozedUntil: null,
};
const saved: ReadingAnswer = {
  outcome: 'saved',
  line,
  previousBalance: { amount: 1234.56, currency: 'ARS' },
};
const quiet = {
  paymentFailed: false,
  notCharged: false,
  accountVocabulary: false,
  translated: false,
};

function view(overrides: Partial<OverlayInputs>) {
  return overlayViewFor({
    carrier: 'claro',
    urlKind: 'account',
    reading: account,
    answer: saved,
    answerError: null,
    signals: quiet,
    ...overrides,
  });
}

describe('pageSignalsFromText', () => {
  it('recognises a failed payment and the promise of no double charge', () => {
    const signals = pageSignalsFromText(
      'No fue posible procesar el pago de la recarga. No se realizó ningún cargo en tu tarjeta. Intentá nuevamente.',
    );
    expect(signals.paymentFailed).toBe(true);
    expect(signals.notCharged).toBe(true);
  });

  it('says why the payment failed, as the page puts it (most telling reason first)', () => {
    const reason = (text: string) => pageSignalsFromText(text).failureReason;
    // A refusal often asks to try again too: the refusal is what to act on.
    expect(
      reason('No fue posible procesar el pago. Tu banco rechazó la operación. Intentá nuevamente.'),
    ).toBe('card-refused');
    expect(reason('Pago rechazado: tu tarjeta fue rechazada.')).toBe('card-refused');
    expect(reason('El pago fue denegado por el emisor de la tarjeta.')).toBe('card-refused');
    expect(reason('Error en el pago: operación no autorizada.')).toBe('card-refused');
    expect(reason('No se pudo realizar el pago: fondos insuficientes.')).toBe('funds');
    expect(reason('El pago falló por saldo insuficiente en tu tarjeta.')).toBe('funds');
    expect(reason('Error de conexión: el pago no se pudo completar.')).toBe('connection');
    expect(reason('No se pudo procesar el pago: se agotó el tiempo de espera.')).toBe('connection');
    expect(reason('No pudimos procesar el pago. Intentá nuevamente más tarde.')).toBe('connection');
    expect(reason('Hubo un error con tu pago.')).toBe('unknown');
    // No failure, no reason (a plain account page keeps its exact signals).
    expect(pageSignalsFromText('¡Recarga exitosa! Tu pago fue aprobado.')).not.toHaveProperty(
      'failureReason',
    );
  });

  it('does not call a successful recharge or a plain account page a failure', () => {
    expect(pageSignalsFromText('¡Recarga exitosa! Tu pago fue aprobado.').paymentFailed).toBe(
      false,
    );
    const account = pageSignalsFromText('Tu saldo disponible: $ 1.234,56. Vence el 15/12/2026');
    expect(account).toEqual({
      paymentFailed: false,
      notCharged: false,
      accountVocabulary: true,
      translated: false,
    });
  });
});

describe('pageSignalsFor', () => {
  it('reads the page text only when it can say something', () => {
    let asked = 0;
    const pageText = () => {
      asked += 1;
      return 'No fue posible procesar el pago de la recarga.';
    };
    expect(pageSignalsFor(account, false, pageText)).toMatchObject({ accountVocabulary: true });
    expect(pageSignalsFor(nothing, true, pageText)).toEqual({
      paymentFailed: false,
      notCharged: false,
      accountVocabulary: false,
      translated: true,
    });
    expect(asked).toBe(0);
    expect(pageSignalsFor(nothing, false, pageText)).toMatchObject({ paymentFailed: true });
    expect(asked).toBe(1);
  });
});

describe('overlayViewFor', () => {
  it('says what was saved, with the balance change since the last visit', () => {
    expect(view({})).toEqual({ mode: 'saved', line, balanceChange: -150, reading: account });
  });

  it('shows no change when the balance did not move or was unknown', () => {
    expect(view({ answer: { ...saved, previousBalance: null } })).toMatchObject({
      balanceChange: null,
    });
  });

  it('stays out of the way on login pages and on pages with nothing to say', () => {
    expect(view({ urlKind: 'login' })).toBeNull();
    expect(
      view({ reading: nothing, answer: { ...saved, outcome: 'ignored', line: null } }),
    ).toBeNull();
  });

  it('offers help on an account page where nothing sure was found', () => {
    const result = view({
      reading: nothing,
      answer: { outcome: 'ignored', line: null, previousBalance: null },
      signals: { ...quiet, accountVocabulary: true },
    });
    expect(result).toEqual({ mode: 'unsure', carrier: 'claro', reading: nothing });
  });

  it('asks for the original on an account page the browser translated; a recharge page keeps its checklist', () => {
    // Translated, the page no longer speaks Spanish: no account vocabulary is found.
    const translated = { ...quiet, translated: true };
    const ignored = { outcome: 'ignored' as const, line: null, previousBalance: null };
    expect(view({ reading: nothing, answer: ignored, signals: translated })).toEqual({
      mode: 'translated',
    });
    expect(
      view({ urlKind: 'recharge', reading: nothing, answer: null, signals: translated }),
    ).toEqual({ mode: 'checklist' });
    expect(view({ urlKind: 'other', reading: nothing, answer: null, signals: translated })).toBe(
      null,
    );
  });

  it('a translation after the page was saved keeps the saved line on screen', () => {
    const savedView = view({})!;
    const translatedView = { mode: 'translated' as const };
    expect(nextOverlayView(savedView, translatedView)).toBe(savedView);
    expect(nextOverlayView(null, translatedView)).toBe(translatedView);
    // Back to the original: the new reading's view replaces the hint.
    expect(nextOverlayView(translatedView, savedView)).toBe(savedView);
  });

  it('shows the checklist on recharge pages and the troubleshooting on failures', () => {
    expect(view({ urlKind: 'recharge', reading: nothing, answer: null })).toEqual({
      mode: 'checklist',
    });
    expect(
      view({
        urlKind: 'recharge',
        reading: nothing,
        answer: null,
        signals: { ...quiet, paymentFailed: true, notCharged: true },
      }),
    ).toEqual({ mode: 'failed', notCharged: true });
  });

  it('confirms a receipt only once the background recorded it', () => {
    const receipt: Reading = {
      ...nothing,
      kind: 'receipt',
      receipt: { amount: 2000, currency: 'ARS', operationId: '000123', date: '2026-11-20' },
    };
    const recorded = { outcome: 'receipt-recorded' as const, line: null, previousBalance: null };
    expect(view({ urlKind: 'recharge', reading: receipt, answer: recorded })).toEqual({
      mode: 'receipt',
      amount: 2000,
      operationId: '000123',
      duplicate: false,
    });
    expect(view({ urlKind: 'recharge', reading: receipt, answer: null })).toBeNull();
  });

  it('reports a storage failure instead of pretending it saved', () => {
    expect(view({ answer: null, answerError: 'QuotaExceededError' })).toEqual({
      mode: 'error',
      message: 'QuotaExceededError',
    });
  });

  it('asks which line a numberless reading belongs to', () => {
    const reading = { ...account, msisdn: null };
    expect(
      view({ reading, answer: { outcome: 'unassigned', line: null, previousBalance: null } }),
    ).toEqual({
      mode: 'unassigned',
      reading,
    });
  });
});
