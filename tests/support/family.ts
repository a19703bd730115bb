/**
 * A family's lines as one LineKeeper backup, with dates relative to `now`: lines spread from
 * expired to unknown, a balance history and recharges on the first (expired) line, and
 * optionally a reading that waits for a line. Imported with `ui:import-backup` (the
 * background checks it like any file), it gives e2e tests and the screenshots a realistic
 * database in one message. Numbers and amounts are made up.
 */
import { CARRIER_IDS, carrierById } from '../../utils/carriers';
import type { Backup } from '../../utils/domain/backup-format';
import type { LanguageChoice } from '../../utils/domain/i18n';
import type { Line, Renewal, StoredReading } from '../../utils/domain/records';
import { buenosAiresDatePlus } from './sample-pages';

/** Days left of the family's lines, most urgent first; null: no date known. */
const DAYS_LEFT: (number | null)[] = [-3, 0, 2, 5, 9, 14, 21, 30, 45, 60, 75, 90, 120, 150, null];

export interface FamilyOptions {
  lines: number;
  /** Names for the first lines (the rest show their number). */
  labels?: readonly string[];
  language?: LanguageChoice;
  /** A Claro reading without a number, waiting for the user to say which line it is. */
  waiting?: boolean;
}

export interface Family {
  backup: Backup;
  /** The expired line with a balance history and recharges. */
  expiredLineId: string;
}

export function familyBackup(now: Date, options: FamilyOptions): Family {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const nowIso = now.toISOString();
  const lines: Line[] = [];
  for (let i = 0; i < options.lines; i++) {
    // Past the spread, lines expire ever later: the first lines stay the most urgent.
    const daysLeft = i < DAYS_LEFT.length ? DAYS_LEFT[i]! : 150 + i;
    const carrier = CARRIER_IDS[i % CARRIER_IDS.length]!;
    lines.push({
      id: `family-${i}`,
      carrier,
      msisdn: `+54911${String(40_000_000 + i * 1_234_567).slice(0, 8)}`,
      label: options.labels?.[i] ?? '',
      expiresOn: daysLeft === null ? null : buenosAiresDatePlus(now, daysLeft),
      expirySource: daysLeft === null ? null : 'page',
      expiryKnownSince: now.getTime() - 30 * 86_400_000,
      balance: { amount: [0, 150, 880, 1234.56, 2500][i % 5]!, currency: 'ARS' },
      previousBalance: null,
      balanceAt: at(60 * (i + 1)),
      lastReadingAt: at(60 * (i + 1)),
      lastReadingPath: '/inicio',
      lastReadingHost: null,
      lastReadingKey: null,
      source: 'page',
      lastRechargeOn: null,
      snoozedUntil: null,
      lastReminder: null,
      createdAt: nowIso,
      updatedAt: nowIso,
    });
  }
  const expired = lines[0]!;
  expired.lastRechargeOn = buenosAiresDatePlus(now, -42);
  const host = carrierById(expired.carrier).hosts[0]!;
  expired.lastReadingHost = host;

  // The expired line's balance over two months: spent down, recharged, spent down again.
  const balances = [120, 95, 60, 30, 2030, 1800, 1420, 900, 480, 150, 20, 0];
  const readings: StoredReading[] = balances.map((amount, index) => ({
    id: index + 1,
    lineId: expired.id,
    carrier: expired.carrier,
    kind: 'account',
    msisdn: expired.msisdn,
    balance: { amount, currency: 'ARS' },
    expiresOn: expired.expiresOn,
    receipt: null,
    notes: [],
    path: '/inicio',
    host,
    readAt: at((balances.length - index) * 5 * 24 * 60),
    fingerprint: `family-${index}`,
  }));
  if (options.waiting) {
    readings.push({
      id: readings.length + 1,
      lineId: null,
      carrier: 'claro',
      kind: 'account',
      msisdn: null,
      balance: { amount: 777, currency: 'ARS' },
      expiresOn: buenosAiresDatePlus(now, 25),
      receipt: null,
      notes: [],
      path: '/saldo',
      host: 'm-miclaro.claro.com.ar',
      readAt: at(5),
      fingerprint: 'family-waiting',
    });
  }
  const renewal = (id: string, daysAgo: number, amount: number, operationId: string | null) =>
    ({
      id,
      lineId: expired.id,
      carrier: expired.carrier,
      date: buenosAiresDatePlus(now, -daysAgo),
      amount,
      currency: 'ARS',
      operationId,
      months: 1,
      paymentMethod: 'credit-card',
      note: '',
      source: operationId ? 'receipt' : 'manual',
      createdAt: at(daysAgo * 24 * 60),
    }) satisfies Renewal;
  const renewals = [
    renewal('family-r1', 42, 2000, '000784512309'),
    renewal('family-r2', 95, 1500, null),
  ];
  return {
    expiredLineId: expired.id,
    backup: {
      format: 'linekeeper-backup',
      version: 1,
      exportedAt: nowIso,
      lines,
      readings,
      renewals,
      settings: {
        leadDays: [7, 3, 1, 0],
        reminderHour: 10,
        notificationsEnabled: true,
        overlayDisabledCarriers: [],
        overlayHiddenHosts: [],
        language: options.language ?? 'auto',
      },
    },
  };
}
