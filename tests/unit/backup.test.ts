import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../support/i18n';
import { CARRIER_IDS } from '../../utils/carriers';
import {
  MAX_MESSAGE_BYTES,
  importMessageBytes,
  importSizeRefusal,
  utf8Length,
  backupCountsText,
  backupFileName,
  refusalMessage,
  parseBackupFile,
  serializeBackup,
  type ParsedBackup,
} from '../../utils/popup/backup-file';
import { SUPPORTED_BACKUP_VERSION } from '../../utils/domain/backup-format';
import { DEFAULT_SETTINGS, type Line } from '../../utils/domain/records';
import { BackupSchema, type Backup } from '../../utils/domain/backup-format';
import { offsetForTimeZone } from '../../utils/domain/time';

/** A valid backup with `lines` lines, `renewals` renewals and `readings` readings. */
function makeBackup(counts = { lines: 3, renewals: 12, readings: 40 }): Backup {
  const lines: Line[] = [];
  for (let i = 0; i < counts.lines; i++) {
    lines.push({
      id: `line-${i}`,
      carrier: CARRIER_IDS[i % CARRIER_IDS.length]!,
      msisdn: `+54911${String(20000000 + i).padStart(8, '0')}`,
      label: i === 0 ? 'Mamá 妈妈' : '',
      expiresOn: i === 2 ? null : `2026-0${(i % 9) + 1}-15`,
      expirySource: i === 2 ? null : 'page',
      expiryKnownSince: i === 2 ? null : 1_767_225_600_000,
      balance: { amount: 1234.56 + i, currency: 'ARS' },
      previousBalance: i === 1 ? { amount: 2000, currency: 'ARS' } : null,
      balanceAt: '2026-01-05T13:00:00.000Z',
      lastReadingAt: '2026-01-05T13:00:00.000Z',
      lastReadingPath: '/inicio',
      lastReadingKey: `["claro","account",${i}]`,
      source: i === 2 ? 'manual' : 'page',
      lastRechargeOn: i === 2 ? '2025-12-01' : null,
      snoozedUntil: null,
      lastReminder: i === 0 ? { expiresOn: '2026-01-15', lead: 7 } : null,
      createdAt: '2025-11-01T10:00:00.000Z',
      updatedAt: '2026-01-05T13:00:00.000Z',
    });
  }
  const readings: Backup['readings'] = [];
  for (let i = 0; i < counts.readings; i++) {
    const line = lines[i % Math.max(lines.length, 1)];
    readings.push({
      id: i + 1,
      lineId: line ? line.id : null,
      carrier: line ? line.carrier : 'claro',
      kind: i % 10 === 9 ? 'receipt' : 'account',
      msisdn: line ? line.msisdn : null,
      balance: i % 5 === 4 ? null : { amount: 100 + i * 3.25, currency: 'ARS' },
      expiresOn: i % 4 === 0 ? null : '2026-03-31',
      receipt:
        i % 10 === 9
          ? { amount: 500, currency: 'ARS', operationId: `OP-${i}`, date: '2026-01-02' }
          : null,
      notes: i % 7 === 0 ? ['balance: two candidates, kept none'] : [],
      path: i % 2 ? '/inicio' : '/mi-linea/consumos',
      readAt: new Date(Date.UTC(2025, 10, 1) + i * 3_600_000).toISOString(),
      fingerprint: `fp-${i}`,
    });
  }
  const renewals: Backup['renewals'] = [];
  for (let i = 0; i < counts.renewals; i++) {
    const line = lines[i % Math.max(lines.length, 1)];
    renewals.push({
      id: `ren-${i}`,
      lineId: line ? line.id : null,
      carrier: line ? line.carrier : 'personal',
      date: `202${5 + (i % 2)}-0${(i % 9) + 1}-0${(i % 8) + 1}`,
      amount: i % 6 === 5 ? null : 1000 + i * 10.5,
      currency: 'ARS',
      operationId: i % 3 === 0 ? `OPX${i}` : null,
      months: i % 2 ? 1 : 3,
      paymentMethod: i % 2 ? 'credit-card' : null,
      note: i === 1 ? 'pagado con PayPal; "ojo" \\ 注意' : '',
      source: i % 3 === 0 ? 'receipt' : 'manual',
      createdAt: '2026-01-02T10:00:00.000Z',
    });
  }
  return {
    format: 'linekeeper-backup',
    version: 1,
    exportedAt: '2026-01-06T08:00:00.000Z',
    lines,
    readings,
    renewals,
    settings: {
      ...DEFAULT_SETTINGS,
      leadDays: [10, 7, 1],
      overlayHiddenHosts: ['mi.movistar.com.ar'],
    },
  };
}

function refused(result: ParsedBackup) {
  if (result.ok) throw new Error('expected a refusal, got ok');
  return result;
}

describe('makeBackup (the test data)', () => {
  it('is a valid backup', () => {
    expect(BackupSchema.safeParse(makeBackup()).success).toBe(true);
  });
});

describe('parseBackupFile: valid files', () => {
  it('accepts an export and summarises it', () => {
    const backup = makeBackup();
    const result = parseBackupFile(serializeBackup(backup));
    expect(result).toEqual({
      ok: true,
      backup,
      summary: { lines: 3, renewals: 12, readings: 40, exportedAt: '2026-01-06T08:00:00.000Z' },
    });
  });

  it('round-trips exports of any size identically', () => {
    fc.assert(
      fc.property(
        fc.record({
          lines: fc.integer({ min: 0, max: 6 }),
          renewals: fc.integer({ min: 0, max: 20 }),
          readings: fc.integer({ min: 0, max: 60 }),
        }),
        (counts) => {
          const backup = makeBackup(counts);
          const text = serializeBackup(backup);
          const result = parseBackupFile(text);
          expect(result.ok).toBe(true);
          if (result.ok) {
            expect(result.backup).toEqual(backup);
            // And the text of the re-export is byte-identical.
            expect(serializeBackup(result.backup)).toBe(text);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('accepts an empty backup (the way to wipe everything)', () => {
    const result = parseBackupFile(
      serializeBackup(makeBackup({ lines: 0, renewals: 0, readings: 0 })),
    );
    expect(result.ok && result.summary).toMatchObject({ lines: 0, renewals: 0, readings: 0 });
  });

  it('accepts a file with a byte-order mark or surrounding white space (edited by hand)', () => {
    expect(parseBackupFile(`\n  ${serializeBackup(makeBackup())}\n`).ok).toBe(true);
    expect(parseBackupFile(`\uFEFF${serializeBackup(makeBackup())}`).ok).toBe(true);
  });
});

describe('parseBackupFile: refusals by kind', () => {
  it('not JSON', () => {
    expect(refused(parseBackupFile('')).reason).toBe('not-json');
    expect(refused(parseBackupFile('hello')).reason).toBe('not-json');
    const r = refused(parseBackupFile('BEGIN:VCALENDAR\r\n'));
    expect(r.reason).toBe('not-json');
    expect(r.truncated).toBe(false);
  });

  it('a cut-off export says so', () => {
    const text = serializeBackup(makeBackup());
    const r = refused(parseBackupFile(text.slice(0, text.length / 2)));
    expect(r.reason).toBe('not-json');
    expect(r.truncated).toBe(true);
    expect(r.detail).toMatch(/cut off/);
  });

  it('foreign JSON files', () => {
    for (const text of [
      '[]',
      '"linekeeper-backup"',
      '42',
      'null',
      '{}',
      '{"version":1,"lines":[]}',
      '{"format":"bitwarden","version":1}',
      JSON.stringify({ encrypted: false, folders: [], items: [] }),
    ]) {
      expect(refused(parseBackupFile(text)).reason, text).toBe('not-linekeeper');
    }
  });

  it('newer versions, even when the rest looks different', () => {
    const r = refused(parseBackupFile(JSON.stringify({ ...makeBackup(), version: 2 })));
    expect(r.reason).toBe('newer-version');
    expect(r.version).toBe(2);
    expect(refused(parseBackupFile('{"format":"linekeeper-backup","version":7}')).reason).toBe(
      'newer-version',
    );
  });

  it('invalid records', () => {
    const backup = makeBackup();
    const bad = structuredClone(backup) as unknown as { lines: { msisdn: string }[] };
    bad.lines[1]!.msisdn = '12345';
    const r = refused(parseBackupFile(JSON.stringify(bad)));
    expect(r.reason).toBe('invalid');
    expect(r.detail).toMatch(/lines\.1\.msisdn/);
    expect(refused(parseBackupFile(JSON.stringify({ ...backup, version: 0 }))).reason).toBe(
      'invalid',
    );
    expect(refused(parseBackupFile(JSON.stringify({ ...backup, version: '1' }))).reason).toBe(
      'invalid',
    );
  });

  it('inconsistent records (what the background would refuse too)', () => {
    const backup = makeBackup();
    const cases: [Backup, RegExp][] = [
      [{ ...backup, lines: [...backup.lines, backup.lines[0]!] }, /line id line-0 appears twice/],
      [
        { ...backup, lines: [...backup.lines, { ...backup.lines[0]!, id: 'other' }] },
        /two claro lines have number/,
      ],
      [{ ...backup, lines: backup.lines.slice(1) }, /belongs to missing line line-0/],
      [{ ...backup, readings: [...backup.readings, backup.readings[0]!] }, /reading id 1 appears/],
      [{ ...backup, renewals: [...backup.renewals, backup.renewals[0]!] }, /renewal id ren-0/],
      [
        {
          ...backup,
          renewals: [...backup.renewals, { ...backup.renewals[0]!, id: 'copy' }],
        },
        /operation OPX0 appears twice/,
      ],
    ];
    for (const [candidate, detail] of cases) {
      const r = refused(parseBackupFile(JSON.stringify(candidate)));
      expect(r.reason).toBe('invalid');
      expect(r.detail).toMatch(detail);
    }
  });

  it('__proto__ keys anywhere', () => {
    const text = serializeBackup(makeBackup());
    const withProto = text.replace(
      '"settings": {',
      '"settings": { "__proto__": { "polluted": true },',
    );
    const r = refused(parseBackupFile(withProto));
    expect(r.reason).toBe('invalid');
    expect(r.detail).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// ───────────── 100 generated broken files, each refused with the right reason ─────────────

type Leaf = { path: (string | number)[]; value: string | number | boolean };

/** Every non-null primitive inside `value`, with its path. */
function leaves(value: unknown, path: (string | number)[] = []): Leaf[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, i]));
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      leaves(v, [...path, k]),
    );
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return [{ path, value }];
  }
  return [];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}

/** Values of another JSON type than `original` (never null: several fields are nullable). */
function wrongTypes(original: string | number | boolean): unknown[] {
  const all: unknown[] = ['7', 7, true, {}, [], [1], { amount: 1 }];
  return all.filter((candidate) => {
    if (typeof original === 'string') return typeof candidate !== 'string';
    if (typeof original === 'number') return typeof candidate !== 'number';
    return typeof candidate !== 'boolean';
  });
}

const SAMPLE = makeBackup();
const SAMPLE_TEXT = serializeBackup(SAMPLE);
const SAMPLE_LEAVES = leaves(SAMPLE);

type Broken = { name: string; text: string; expected: string };

const truncated: fc.Arbitrary<Broken> = fc
  .integer({ min: 0, max: SAMPLE_TEXT.length - 1 })
  .map((offset) => ({
    name: `truncated at ${offset}`,
    text: SAMPLE_TEXT.slice(0, offset),
    expected: 'not-json',
  }));

const wrongType: fc.Arbitrary<Broken> = fc
  .integer({ min: 0, max: SAMPLE_LEAVES.length - 1 })
  .chain((index) => {
    const leaf = SAMPLE_LEAVES[index]!;
    return fc.constantFrom(...wrongTypes(leaf.value)).map((replacement) => {
      const copy = structuredClone(SAMPLE);
      setAt(copy, leaf.path, replacement);
      const where = leaf.path.join('.');
      return {
        name: `${where} = ${JSON.stringify(replacement)}`,
        text: JSON.stringify(copy),
        expected: where === 'format' ? 'not-linekeeper' : 'invalid',
      };
    });
  });

/** Inserts `"__proto__": …` as the first key of a random object in the file. */
const protoKey: fc.Arbitrary<Broken> = fc
  .tuple(
    fc.integer({ min: 0, max: 10_000 }),
    fc.constantFrom<unknown>({ polluted: true }, 'x', 1, null, []),
  )
  .map(([pick, payload]) => {
    const braces = [...SAMPLE_TEXT.matchAll(/\{/g)].map((m) => m.index);
    const at = braces[pick % braces.length]! + 1;
    return {
      name: `__proto__ at ${at}`,
      text: `${SAMPLE_TEXT.slice(0, at)}"__proto__": ${JSON.stringify(payload)},${SAMPLE_TEXT.slice(at)}`,
      expected: 'invalid',
    };
  });

const newerVersion: fc.Arbitrary<Broken> = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: SUPPORTED_BACKUP_VERSION + 1, max: 1_000_000 }),
      fc.double({ min: SUPPORTED_BACKUP_VERSION + 0.001, max: 1e9, noNaN: true }),
    ),
    fc.boolean(),
  )
  .map(([version, alsoBreakLines]) => {
    const copy = { ...structuredClone(SAMPLE), version } as Record<string, unknown>;
    if (alsoBreakLines) copy.lines = 'a format we do not know yet';
    return { name: `version ${version}`, text: JSON.stringify(copy), expected: 'newer-version' };
  });

const foreign: fc.Arbitrary<Broken> = fc
  .jsonValue()
  .filter(
    (v) =>
      v === null ||
      typeof v !== 'object' ||
      Array.isArray(v) ||
      (v as Record<string, unknown>).format !== 'linekeeper-backup',
  )
  .map((v) => ({
    name: `foreign ${JSON.stringify(v).slice(0, 40)}`,
    text: JSON.stringify(v),
    expected: 'not-linekeeper',
  }));

describe('parseBackupFile: 100 generated broken files', () => {
  it('refuses each with the right reason and never pollutes prototypes', () => {
    let runs = 0;
    fc.assert(
      fc.property(fc.oneof(truncated, wrongType, protoKey, newerVersion, foreign), (broken) => {
        runs += 1;
        const result = parseBackupFile(broken.text);
        expect(result.ok, broken.name).toBe(false);
        if (!result.ok) {
          expect(result.reason, broken.name).toBe(broken.expected);
          expect(result.detail.length).toBeGreaterThan(0);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 100, seed: Number(process.env.FC_SEED ?? 20260601) },
    );
    expect(runs).toBe(100);
  });

  it('each kind on its own, 100 runs each', () => {
    for (const arbitrary of [truncated, wrongType, protoKey, newerVersion]) {
      fc.assert(
        fc.property(arbitrary, (broken) => {
          const result = parseBackupFile(broken.text);
          expect(result.ok ? 'ok' : result.reason, broken.name).toBe(broken.expected);
        }),
        { numRuns: 100 },
      );
    }
  });
});

describe('backupFileName', () => {
  it('uses the date of the user’s own calendar', () => {
    const now = Date.parse('2026-03-31T20:00:00.000Z');
    expect(backupFileName(now, offsetForTimeZone('Asia/Shanghai'))).toBe(
      'linekeeper-backup-2026-04-01.json',
    );
    expect(backupFileName(now, offsetForTimeZone('America/Argentina/Buenos_Aires'))).toBe(
      'linekeeper-backup-2026-03-31.json',
    );
    expect(backupFileName(now, () => 0)).toMatch(/^linekeeper-backup-\d{4}-\d{2}-\d{2}\.json$/);
  });
});

describe('words', () => {
  it('summarises counts with plurals in each language', () => {
    const counts = { lines: 3, renewals: 12, readings: 40 };
    expect(backupCountsText(counts, 'en', translatorFor('en'))).toBe(
      '3 lines, 12 renewals, 40 readings',
    );
    expect(
      backupCountsText({ lines: 1, renewals: 1, readings: 1 }, 'en', translatorFor('en')),
    ).toBe('1 line, 1 renewal, 1 reading');
    expect(backupCountsText(counts, 'es', translatorFor('es'))).toBe(
      '3 líneas, 12 recargas, 40 lecturas',
    );
    expect(
      backupCountsText({ lines: 1, renewals: 0, readings: 1500 }, 'es', translatorFor('es')),
    ).toBe('1 línea, 0 recargas, 1.500 lecturas');
    expect(backupCountsText(counts, 'zh_CN', translatorFor('zh_CN'))).toBe(
      '3 个号码，12 条充值记录，40 条读取记录',
    );
  });

  it('names each refusal in each language', () => {
    const text = serializeBackup(makeBackup());
    const cases = [
      parseBackupFile('nope'),
      parseBackupFile(text.slice(0, 100)),
      parseBackupFile('{"a":1}'),
      parseBackupFile('{"format":"linekeeper-backup","version":3}'),
      parseBackupFile('{"format":"linekeeper-backup","version":1}'),
    ].map(refused);
    for (const locale of ['en', 'es', 'zh_CN'] as const) {
      const t = translatorFor(locale);
      const words = cases.map((r) => refusalMessage(r, t));
      expect(new Set(words).size, locale).toBe(5);
      expect(words[3]).toContain('3');
    }
    expect(refusalMessage(cases[1]!, translatorFor('en'))).toMatch(/incomplete/);
    expect(refusalMessage(cases[2]!, translatorFor('es'))).toMatch(/otra aplicación/);
    expect(refusalMessage(cases[3]!, translatorFor('zh_CN'))).toMatch(/更新版本/);
  });
});

describe('one import is one runtime message (at most 64 MiB of JSON)', () => {
  it('counts UTF-8 bytes as the message weighs them', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('Mamá')).toBe(5);
    expect(utf8Length('保号')).toBe(6);
    expect(utf8Length('📱')).toBe(4);
    expect(utf8Length('📱')).toBe(new TextEncoder().encode('📱').length);
  });

  it('weighs the whole ui:import-backup message', () => {
    const backup = makeBackup();
    expect(importMessageBytes(backup)).toBe(
      new TextEncoder().encode(JSON.stringify({ type: 'ui:import-backup', backup })).length,
    );
    expect(importMessageBytes(backup)).toBeLessThan(MAX_MESSAGE_BYTES);
    expect(importSizeRefusal(backup, translatorFor('en'))).toBeNull();
  });

  it("refuses, in the user's language, a valid backup whose message would pass 64 MiB", () => {
    const backup = makeBackup({ lines: 3, renewals: 0, readings: 0 });
    const reading = makeBackup({ lines: 1, renewals: 0, readings: 1 }).readings[0]!;
    // 2,700 readings carrying 25 KB of notes each: about 66 MiB of JSON.
    const notes = Array.from({ length: 50 }, () => 'n'.repeat(500));
    backup.readings = Array.from({ length: 2_700 }, (_, i) => ({
      ...reading,
      id: i + 1,
      lineId: backup.lines[0]!.id,
      notes,
    }));
    expect(BackupSchema.safeParse(backup).success).toBe(true);
    expect(importSizeRefusal(backup, translatorFor('en'))).toBe(
      'This backup is too large to import at once (66 MB; the most is 64 MB). Nothing was changed.',
    );
    expect(importSizeRefusal(backup, translatorFor('es'))).toBe(
      'Esta copia es demasiado grande para importarla de una vez (66 MB; el máximo es 64 MB). No se cambió nada.',
    );
    // Building and measuring 66 MiB of JSON takes seconds on a loaded two-core machine.
  }, 30_000);
});
