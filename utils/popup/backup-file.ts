/**
 * The backup file, on the popup's side: its name, its text, and the checks an imported file
 * passes BEFORE anything is sent to the background (which checks it again and applies it
 * all-or-nothing). A refused file changes nothing, and the reason says what is wrong with it.
 */
import type { MessageKey, Translate, UiLocale } from '../domain/i18n';
import { formatCount, joinClauses, pickPlural } from '../domain/format';
import {
  BACKUP_FORMAT,
  BackupSchema,
  SUPPORTED_BACKUP_VERSION,
  backupIntegrityProblem,
  type Backup,
} from '../domain/backup-format';
import { localDate, systemZoneOffset, type ZoneOffset } from '../domain/time';

/** Larger files are refused unread: the schema's caps (1,000,000 readings) stay far below. */
export const MAX_BACKUP_BYTES = 512 * 1024 * 1024;

/**
 * The most JSON one runtime message carries: Chrome refuses larger messages. An import is
 * one message (the background applies it in one transaction, all or nothing), so a backup
 * whose message would be larger is refused here, before anything is sent.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** UTF-8 bytes of a string (what the message's JSON weighs), without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The bytes of the ui:import-backup message that would carry `backup`. */
export function importMessageBytes(backup: Backup): number {
  return utf8Length(JSON.stringify({ type: 'ui:import-backup', backup }));
}

/**
 * Why this backup cannot be imported in one message, in the user's language (its size and
 * the most there is, in MB); null when it fits.
 */
export function importSizeRefusal(backup: Backup, t: Translate): string | null {
  const bytes = importMessageBytes(backup);
  if (bytes <= MAX_MESSAGE_BYTES) return null;
  const mib = (n: number) => String(Math.ceil(n / (1024 * 1024)));
  return t('backupErrorTooLargeToImport', [mib(bytes), mib(MAX_MESSAGE_BYTES)]);
}

export type BackupRefusal = 'not-json' | 'not-linekeeper' | 'newer-version' | 'invalid';

export interface BackupSummary {
  lines: number;
  renewals: number;
  readings: number;
  exportedAt: string;
}

export type ParsedBackup =
  | { ok: true; backup: Backup; summary: BackupSummary }
  | {
      ok: false;
      reason: BackupRefusal;
      /** Technical detail (English), shown under the localised message. */
      detail: string;
      /** Set for `not-json` when the text starts like one of our backups: the file was cut off. */
      truncated?: boolean;
      /** Set for `newer-version`: the version the file declares. */
      version?: number;
    };

/** `linekeeper-backup-YYYY-MM-DD.json`, dated on the user's own calendar. */
export function backupFileName(now: number, zone: ZoneOffset = systemZoneOffset): string {
  return `linekeeper-backup-${localDate(now, zone)}.json`;
}

/** The file's text: readable JSON, stable key order as exported. */
export function serializeBackup(backup: Backup): string {
  return JSON.stringify(backup, null, 2);
}

export function summarizeBackup(backup: Backup): BackupSummary {
  return {
    lines: backup.lines.length,
    renewals: backup.renewals.length,
    readings: backup.readings.length,
    exportedAt: backup.exportedAt,
  };
}

/** Keys that must never appear in a file we import (prototype pollution). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first forbidden key anywhere in `value`, or null. Iterative: no deep recursion. */
function findForbiddenKey(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) {
        const item: unknown = current[i];
        if (item !== null && typeof item === 'object')
          stack.push({ value: item, path: `${path}[${i}]` });
      }
      continue;
    }
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) return path ? `${path}.${key}` : key;
      const child = (current as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') {
        stack.push({ value: child, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return null;
}

function describeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map((part) => String(part).slice(0, 40)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Does this (unparseable) text begin the way our backups do? Then it was cut off. */
function looksLikeOurs(text: string): boolean {
  return /^\s*\{\s*"format"\s*:\s*"linekeeper-backup"/.test(text.slice(0, 200));
}

/**
 * Reads a backup file's text. In order: JSON at all? our format? a version we know?
 * every record valid (BackupSchema) and consistent? Only then `ok`.
 */
export function parseBackupFile(text: string): ParsedBackup {
  let data: unknown;
  // Editors that re-save the file may add a byte-order mark.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  try {
    data = JSON.parse(text);
  } catch (error) {
    const truncated = looksLikeOurs(text);
    return {
      ok: false,
      reason: 'not-json',
      detail: truncated
        ? `the file ends early (${text.length} characters): it was cut off`
        : error instanceof Error
          ? error.message.slice(0, 200)
          : 'not JSON',
      truncated,
    };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, reason: 'not-linekeeper', detail: 'the file is not a LineKeeper backup' };
  }
  const record = data as Record<string, unknown>;
  if (record.format !== BACKUP_FORMAT) {
    const format = typeof record.format === 'string' ? `"${record.format.slice(0, 60)}"` : 'none';
    return {
      ok: false,
      reason: 'not-linekeeper',
      detail: `format is ${format}, expected "${BACKUP_FORMAT}"`,
    };
  }
  const version = record.version;
  if (
    typeof version === 'number' &&
    Number.isFinite(version) &&
    version > SUPPORTED_BACKUP_VERSION
  ) {
    return {
      ok: false,
      reason: 'newer-version',
      detail: `backup version ${version}; this LineKeeper reads version ${SUPPORTED_BACKUP_VERSION}`,
      version,
    };
  }
  const forbidden = findForbiddenKey(data);
  if (forbidden !== null) {
    return { ok: false, reason: 'invalid', detail: `forbidden key at ${forbidden}` };
  }
  const parsed = BackupSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, reason: 'invalid', detail: describeIssues(parsed.error.issues) };
  }
  const problem = backupIntegrityProblem(parsed.data);
  if (problem !== null) return { ok: false, reason: 'invalid', detail: problem };
  return { ok: true, backup: parsed.data, summary: summarizeBackup(parsed.data) };
}

// ───────────────────────── Words (pure: locale and t passed in) ─────────────────────────

/** "3 lines, 12 renewals, 40 readings" in the user's language. */
export function backupCountsText(
  counts: Pick<BackupSummary, 'lines' | 'renewals' | 'readings'>,
  locale: UiLocale,
  t: Translate,
): string {
  const part = (count: number, one: MessageKey, other: MessageKey) =>
    t(pickPlural(count, locale, one, other), [formatCount(count, locale)]);
  const parts = [
    part(counts.lines, 'backupCountLinesOne', 'backupCountLinesOther'),
    part(counts.renewals, 'backupCountRenewalsOne', 'backupCountRenewalsOther'),
    part(counts.readings, 'backupCountReadingsOne', 'backupCountReadingsOther'),
  ];
  return joinClauses(parts, locale);
}

/** The localised sentence for a refused file (the technical detail is shown apart). */
export function refusalMessage(
  refusal: Extract<ParsedBackup, { ok: false }>,
  t: Translate,
): string {
  switch (refusal.reason) {
    case 'not-json':
      return t(refusal.truncated ? 'backupErrorTruncated' : 'backupErrorNotJson');
    case 'not-linekeeper':
      return t('backupErrorForeign');
    case 'newer-version':
      return t('backupErrorNewer', [String(refusal.version ?? '?')]);
    case 'invalid':
      return t('backupErrorInvalid');
  }
}
