/**
 * The backup file's format (version 1): its schema and the checks beyond it. The popup
 * checks a file before sending it; the background checks it again before importing.
 */
import * as z from 'zod/mini';
import { MAX_LINES, MAX_READINGS, MAX_RENEWALS } from './bounds';
import {
  IsoDateTimeSchema,
  LineSchema,
  RenewalSchema,
  SettingsSchema,
  StoredReadingSchema,
} from './records';

export const BACKUP_FORMAT = 'linekeeper-backup';
/** The newest backup version this build reads (BackupSchema's `version`). */
export const SUPPORTED_BACKUP_VERSION = 1;

/** The export / import file. Version 1 of the backup format. */
export const BackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(SUPPORTED_BACKUP_VERSION),
  exportedAt: IsoDateTimeSchema,
  // The same caps every write is held to (utils/domain/bounds.ts): what was stored exports
  // and imports again.
  lines: z.array(LineSchema).check(z.maxLength(MAX_LINES)),
  readings: z.array(StoredReadingSchema).check(z.maxLength(MAX_READINGS)),
  renewals: z.array(RenewalSchema).check(z.maxLength(MAX_RENEWALS)),
  settings: SettingsSchema,
});
export type Backup = z.infer<typeof BackupSchema>;

/**
 * What a backup must satisfy beyond its schema (checked by the popup before asking and by
 * the background before importing): no duplicate ids, no two lines with one number, no
 * record that belongs to a line the file does not contain.
 */
export function backupIntegrityProblem(backup: Backup): string | null {
  const lineIds = new Set<string>();
  const numbers = new Set<string>();
  for (const line of backup.lines) {
    if (lineIds.has(line.id)) return `line id ${line.id} appears twice`;
    lineIds.add(line.id);
    if (line.msisdn !== null) {
      const key = `${line.carrier}|${line.msisdn}`;
      if (numbers.has(key)) return `two ${line.carrier} lines have number ${line.msisdn}`;
      numbers.add(key);
    }
  }
  const readingIds = new Set<number>();
  for (const reading of backup.readings) {
    if (reading.lineId !== null && !lineIds.has(reading.lineId)) {
      return `a reading belongs to missing line ${reading.lineId}`;
    }
    if (reading.id !== undefined) {
      if (readingIds.has(reading.id)) return `reading id ${reading.id} appears twice`;
      readingIds.add(reading.id);
    }
  }
  const renewalIds = new Set<string>();
  const operations = new Set<string>();
  for (const renewal of backup.renewals) {
    if (renewalIds.has(renewal.id)) return `renewal id ${renewal.id} appears twice`;
    renewalIds.add(renewal.id);
    if (renewal.lineId !== null && !lineIds.has(renewal.lineId)) {
      return `a renewal belongs to missing line ${renewal.lineId}`;
    }
    if (renewal.operationId !== null) {
      const key = `${renewal.carrier}|${renewal.operationId}`;
      if (operations.has(key)) return `operation ${renewal.operationId} appears twice`;
      operations.add(key);
    }
  }
  return null;
}
