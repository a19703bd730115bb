/**
 * Calendar export. Three checks that do not trust each other:
 * - golden files, compared byte for byte (regenerate with `UPDATE_GOLDEN=1 npx vitest run
 *   tests/unit/ics.test.ts`, then read the diff before committing);
 * - an independent parser (ical.js, Mozilla's) reads every event back;
 * - a property: any summary survives build → fold → parse, and no physical line exceeds
 *   75 octets.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  buildIcs,
  escapeIcsText,
  foldIcsLine,
  type CalendarEvent,
  type IcsOptions,
} from '../../utils/popup/ics';

const OPTIONS: IcsOptions = {
  now: Date.parse('2026-05-01T13:45:30.123Z'),
  productId: '-//LineKeeper//LineKeeper 0.1.0//EN',
};

const utf8 = new TextEncoder();
const octets = (text: string) => utf8.encode(text).length;

/** The CRLF-separated physical lines, without the empty string after the final CRLF. */
function physicalLines(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  return ics.slice(0, -2).split('\r\n');
}

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string | null;
  start: string;
  end: string;
  startIsDate: boolean;
  status: string;
  alarmAction: string;
  alarmDescription: string;
  trigger: string;
  /** Every VALARM's trigger, in order. */
  triggers: string[];
}

function parseWithIcalJs(ics: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const alarm = vevent.getFirstSubcomponent('valarm');
    const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
    const description = vevent.getFirstPropertyValue('description');
    return {
      uid: String(vevent.getFirstPropertyValue('uid')),
      summary: String(vevent.getFirstPropertyValue('summary')),
      description: description === null ? null : String(description),
      start: start.toString(),
      end: String(vevent.getFirstPropertyValue('dtend')),
      startIsDate: start.isDate,
      status: String(vevent.getFirstPropertyValue('status')),
      alarmAction: String(alarm?.getFirstPropertyValue('action')),
      alarmDescription: String(alarm?.getFirstPropertyValue('description')),
      trigger: String(alarm?.getFirstPropertyValue('trigger')),
      triggers: vevent
        .getAllSubcomponents('valarm')
        .map((valarm) => String(valarm.getFirstPropertyValue('trigger'))),
    };
  });
  return { calendar, events };
}

/** Golden inputs: realistic text in the three languages, chosen to hit the edge cases. */
const GOLDEN: Record<string, { events: CalendarEvent[]; calendarName?: string }> = {
  'calendar-zh_CN': {
    calendarName: '保号助手',
    events: [
      {
        uid: 'line-k3Jq9x@linekeeper',
        // Leap year: the next day is 29 February.
        date: '2028-02-28',
        summary: '保号助手：Claro +54 9 11 2345-6789（我的阿根廷保号卡，银行和微信验证码）到期',
        description:
          '+54 9 11 2345-6789（Claro）有效期的最后一天。请至少提前一周充值，并保留交易号。\n' +
          '如果付款失败：检查网络，换一种付款方式，稍等再试，然后联系客服。',
        alarms: [
          { daysBefore: 7, description: '+54 9 11 2345-6789 将在 7 天后到期，请立即充值。🇦🇷📱' },
        ],
      },
      {
        uid: 'line-Zz01@linekeeper',
        // Year end: DTEND is 1 January of the next year.
        date: '2026-12-31',
        summary: '保号助手：工作号 Movistar 到期（预计）',
        description: '预计日期：上次充值日期 2026-07-04 加 180 天。请在运营商页面核实实际到期日。',
        alarms: [{ daysBefore: 3 }],
        estimated: true,
      },
    ],
  },
  'calendar-es': {
    calendarName: 'Guardalínea',
    events: [
      {
        uid: 'line-mamaCba@linekeeper',
        date: '2026-12-31',
        // Commas, semicolons and a backslash: every TEXT escape.
        // Octet 75 falls inside the `á` of "recargá": the fold must move it whole.
        summary: 'Guardalínea: vence «Sebastián, Córdoba; línea 2» \\ recargá ya mismo en Personal',
        description:
          'Último día de vigencia de +54 9 351 612-3456 (Personal).\n' +
          'Recargá al menos una semana antes, guardá el número de operación; ¡ojo con el Wi-Fi público!',
        alarms: [{ daysBefore: 7 }],
      },
      {
        uid: 'line-trabajo@linekeeper',
        date: '2027-03-01',
        summary: 'Guardalínea: vence Trabajo, Claro',
        alarms: [{ daysBefore: 0 }],
      },
    ],
  },
  'calendar-en': {
    events: [
      {
        uid: 'line-travel-sim@linekeeper',
        // Not a leap year: 28 February is followed by 1 March.
        date: '2027-02-28',
        summary: 'LineKeeper: travel SIM (Claro) expires (estimated)',
        description:
          'Estimated date: last recharge on 1 Sep 2026 plus 180 days. Check the real date on the carrier’s page.',
        alarms: [{ daysBefore: 14 }],
        estimated: true,
      },
    ],
  },
};

describe('golden files', () => {
  for (const [name, input] of Object.entries(GOLDEN)) {
    it(`${name}.ics is byte for byte what buildIcs writes`, () => {
      const ics = buildIcs(input.events, { ...OPTIONS, calendarName: input.calendarName });
      const bytes = Buffer.from(ics, 'utf8');
      const url = new URL(`./golden/${name}.ics`, import.meta.url);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(url, bytes);
      expect(existsSync(url), `missing golden file ${name}.ics (run with UPDATE_GOLDEN=1)`).toBe(
        true,
      );
      expect(bytes.equals(readFileSync(url))).toBe(true);
    });

    it(`${name}: ical.js reads every event back`, () => {
      const ics = buildIcs(input.events, { ...OPTIONS, calendarName: input.calendarName });
      const { calendar, events } = parseWithIcalJs(ics);
      expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
      expect(calendar.getFirstPropertyValue('prodid')).toBe(OPTIONS.productId);
      expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
      expect(events).toHaveLength(input.events.length);
      input.events.forEach((event, i) => {
        const parsed = events[i]!;
        expect(parsed.uid).toBe(event.uid);
        expect(parsed.summary).toBe(event.summary);
        expect(parsed.description).toBe(event.description ?? null);
        expect(parsed.start).toBe(event.date);
        expect(parsed.startIsDate).toBe(true);
        expect(parsed.status).toBe(event.estimated ? 'TENTATIVE' : 'CONFIRMED');
        expect(parsed.alarmAction).toBe('DISPLAY');
        expect(parsed.alarmDescription).toBe(event.alarms[0]!.description ?? event.summary);
        expect(parsed.triggers).toEqual(
          event.alarms.map((alarm) => (alarm.daysBefore === 0 ? 'PT0S' : `-P${alarm.daysBefore}D`)),
        );
      });
    });

    it(`${name}: every physical line fits in 75 octets and ends with CRLF`, () => {
      const ics = buildIcs(input.events, { ...OPTIONS, calendarName: input.calendarName });
      expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of physicalLines(ics)) expect(octets(line)).toBeLessThanOrEqual(75);
    });
  }

  it('the golden inputs really exercise folding inside multi-byte text', () => {
    const zh = readFileSync(new URL('./golden/calendar-zh_CN.ics', import.meta.url), 'utf8');
    const es = readFileSync(new URL('./golden/calendar-es.ics', import.meta.url), 'utf8');
    // A folded line shorter than 75 octets means a multi-byte character was moved whole.
    const shortenedFolds = (ics: string) =>
      physicalLines(ics).filter(
        (line, i, all) => all[i + 1]?.startsWith(' ') === true && octets(line) < 75,
      );
    expect(shortenedFolds(zh).length).toBeGreaterThan(1);
    expect(shortenedFolds(es)).toEqual([expect.stringMatching(/recarg$/)]);
  });
});

describe('buildIcs', () => {
  const event: CalendarEvent = {
    uid: 'line-1@linekeeper',
    date: '2026-12-15',
    summary: 'LineKeeper: Claro expires',
    alarms: [{ daysBefore: 7 }],
  };

  it('writes the calendar and event properties', () => {
    expect(physicalLines(buildIcs([event], OPTIONS))).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//LineKeeper//LineKeeper 0.1.0//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:line-1@linekeeper',
      'DTSTAMP:20260501T134530Z',
      'DTSTART;VALUE=DATE:20261215',
      'DTEND;VALUE=DATE:20261216',
      'SUMMARY:LineKeeper: Claro expires',
      'STATUS:CONFIRMED',
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:LineKeeper: Claro expires',
      'TRIGGER:-P7D',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
  });

  it('is deterministic and takes DTSTAMP from now only', () => {
    expect(buildIcs([event], OPTIONS)).toBe(buildIcs([event], { ...OPTIONS }));
    const later = buildIcs([event], { ...OPTIONS, now: new Date('2027-01-02T03:04:05Z') });
    expect(later).toContain('DTSTAMP:20270102T030405Z\r\n');
    expect(later.replace(/DTSTAMP:\S+/, '')).toBe(
      buildIcs([event], OPTIONS).replace(/DTSTAMP:\S+/, ''),
    );
  });

  it.each([
    ['2026-01-31', '20260201'],
    ['2026-02-28', '20260301'],
    ['2028-02-28', '20280229'],
    ['2028-02-29', '20280301'],
    ['2100-02-28', '21000301'], // divisible by 100, not by 400: no leap day
    ['2000-02-28', '20000229'], // divisible by 400: leap day
    ['2026-04-30', '20260501'],
    ['2026-12-31', '20270101'],
    ['0099-12-31', '01000101'], // years below 100 are not read as 19xx
  ])('DTEND after %s is %s', (date, end) => {
    expect(buildIcs([{ ...event, date }], OPTIONS)).toContain(`DTEND;VALUE=DATE:${end}\r\n`);
  });

  it('writes an empty calendar when there are no events', () => {
    const { events } = parseWithIcalJs(buildIcs([], OPTIONS));
    expect(events).toEqual([]);
  });

  it('refuses impossible dates, negative or fractional alarms and duplicate UIDs', () => {
    expect(() => buildIcs([{ ...event, date: '2026-02-29' }], OPTIONS)).toThrow(RangeError);
    expect(() => buildIcs([{ ...event, date: '15/12/2026' }], OPTIONS)).toThrow(RangeError);
    expect(() => buildIcs([{ ...event, alarms: [{ daysBefore: -1 }] }], OPTIONS)).toThrow(
      RangeError,
    );
    expect(() => buildIcs([{ ...event, alarms: [{ daysBefore: 1.5 }] }], OPTIONS)).toThrow(
      RangeError,
    );
    expect(() =>
      buildIcs([{ ...event, alarms: [{ daysBefore: 3 }, { daysBefore: 3 }] }], OPTIONS),
    ).toThrow(/two alarms on the same day/);
    expect(() => buildIcs([event, { ...event, date: '2027-01-01' }], OPTIONS)).toThrow(
      /duplicate UID/,
    );
    expect(() => buildIcs([{ ...event, uid: '' }], OPTIONS)).toThrow(RangeError);
    expect(() => buildIcs([event], { ...OPTIONS, now: Number.NaN })).toThrow(RangeError);
  });
});

describe('one alarm per reminder day', () => {
  it('writes a VALARM for each lead day, largest first, each with its own text', () => {
    const ics = buildIcs(
      [
        {
          uid: 'line-1@linekeeper',
          date: '2026-12-15',
          summary: 'LineKeeper: Claro expires',
          alarms: [
            { daysBefore: 7, description: 'in 7 days' },
            { daysBefore: 3, description: 'in 3 days' },
            { daysBefore: 1, description: 'tomorrow' },
            { daysBefore: 0, description: 'today' },
          ],
        },
      ],
      OPTIONS,
    );
    const [event] = parseWithIcalJs(ics).events;
    expect(event!.triggers).toEqual(['-P7D', '-P3D', '-P1D', 'PT0S']);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const texts = calendar
      .getFirstSubcomponent('vevent')!
      .getAllSubcomponents('valarm')
      .map((alarm) => String(alarm.getFirstPropertyValue('description')));
    expect(texts).toEqual(['in 7 days', 'in 3 days', 'tomorrow', 'today']);
  });

  it('an event may have no alarm at all (no reminder days chosen)', () => {
    const ics = buildIcs(
      [{ uid: 'line-1@linekeeper', date: '2026-12-15', summary: 'x', alarms: [] }],
      OPTIONS,
    );
    expect(ics).not.toContain('VALARM');
    expect(parseWithIcalJs(ics).events).toHaveLength(1);
  });
});

describe('escapeIcsText', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('leaves colons and quotes alone (they are legal in TEXT)', () => {
    expect(escapeIcsText('Guardalínea: "hoy"')).toBe('Guardalínea: "hoy"');
  });

  it('drops control characters and repairs lone surrogates', () => {
    expect(escapeIcsText('a\u0000b\u0007c\td\u007f')).toBe('abc\td');
    expect(escapeIcsText('x\ud83dy')).toBe('x\ufffdy');
  });

  it('drops the Unicode line separators some importers break lines at', () => {
    expect(escapeIcsText('Mamá\u2028Claro\u2029línea\u0085fin')).toBe('MamáClarolíneafin');
    const event = { uid: 'line-1@linekeeper', date: '2026-12-15', alarms: [{ daysBefore: 7 }] };
    const ics = buildIcs(
      [{ ...event, summary: 'A\u2028B', description: 'C\u2029D\u0085E' }],
      OPTIONS,
    );
    expect(ics).not.toMatch(/[\u2028\u2029\u0085]/);
    expect(ics).toContain('SUMMARY:AB');
  });
});

describe('foldIcsLine', () => {
  it('leaves a line of exactly 75 octets alone', () => {
    const line = `SUMMARY:${'a'.repeat(67)}`;
    expect(foldIcsLine(line)).toBe(line);
  });

  it('folds at 75 octets; continuation lines start with one space that counts', () => {
    const line = `SUMMARY:${'a'.repeat(200)}`;
    const folded = foldIcsLine(line).split('\r\n');
    expect(folded.map(octets)).toEqual([75, 75, 60]);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
  });

  it('never splits a multi-byte character', () => {
    // 10 ASCII octets + 21 CJK characters × 3 = 73; the 22nd would end at octet 76.
    const line = `SUMMARY:ab${'号'.repeat(30)}`;
    const [first, second] = foldIcsLine(line).split('\r\n') as [string, string];
    expect(octets(first)).toBe(73);
    expect(second).toBe(` ${'号'.repeat(9)}`);
    // A 4-octet emoji (a surrogate pair in UTF-16) stays whole too.
    // 10 + 16 × 4 = 74; the 17th emoji would end at octet 78.
    const emoji = foldIcsLine(`SUMMARY:ab${'😀'.repeat(20)}`).split('\r\n');
    expect(emoji.map(octets)).toEqual([74, 17]);
    expect(emoji[1]).toBe(` ${'😀'.repeat(4)}`);
  });
  it('keeps an escape sequence on one line', () => {
    // 74 octets of text, then `\,`: the pair moves to the next line whole.
    const line = `SUMMARY:${'a'.repeat(66)}\\,b`;
    expect(foldIcsLine(line)).toBe(`SUMMARY:${'a'.repeat(66)}\r\n \\,b`);
  });
});

describe('property: any summary survives build → fold → parse', () => {
  const CJK_AND_EMOJI = [...'保号助手到期充值阿根廷號碼😀🇦🇷👨‍👩‍👧‍👦ñáéíóú¿¡€'];
  const summaryArbitrary = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 120 }),
    fc.string({ unit: fc.constantFrom(...CJK_AND_EMOJI, ',', ';', '\\', '\n', ' ', 'a') }),
    fc.string({ unit: 'binary', maxLength: 120 }),
  );

  /**
   * What TEXT can carry: line breaks as \n, no other controls nor Unicode line separators,
   * valid UTF-16 (via UTF-8).
   */
  function representable(text: string): string {
    const wellFormed = new TextDecoder().decode(utf8.encode(text));
    return (
      wellFormed
        .replace(/\r\n?/g, '\n')
        // eslint-disable-next-line no-control-regex -- stripping control characters is the point
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029]/g, '')
    );
  }

  it('the summary reads back as written (as far as TEXT can carry it); lines ≤ 75 octets', () => {
    fc.assert(
      fc.property(summaryArbitrary, fc.nat({ max: 60 }), (summary, daysBefore) => {
        const ics = buildIcs(
          [{ uid: 'line-p@linekeeper', date: '2028-02-28', summary, alarms: [{ daysBefore }] }],
          OPTIONS,
        );
        for (const line of physicalLines(ics)) {
          if (octets(line) > 75) return false;
          // An odd run of trailing backslashes would mean an escape split across lines.
          if ((/\\*$/.exec(line)?.[0].length ?? 0) % 2 === 1) return false;
        }
        const [parsed] = parseWithIcalJs(ics).events;
        expect(parsed?.summary).toBe(representable(summary));
        expect(parsed?.alarmDescription).toBe(representable(summary));
        expect(parsed?.start).toBe('2028-02-28');
        expect(parsed?.end).toBe('2028-02-29');
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('text without control characters or lone surrogates survives unchanged', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.string({ unit: fc.constantFrom(...CJK_AND_EMOJI, ',', ';', '\\', '\n', ' ') }),
        ),
        (summary) => {
          // eslint-disable-next-line no-control-regex -- the property excludes control characters
          fc.pre(!/[\u0000-\u0009\u000b-\u001f\u007f\r\u0085\u2028\u2029]/.test(summary));
          const [parsed] = parseWithIcalJs(
            buildIcs(
              [{ uid: 'u@linekeeper', date: '2026-12-31', summary, alarms: [{ daysBefore: 1 }] }],
              OPTIONS,
            ),
          ).events;
          expect(parsed?.summary).toBe(summary);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
