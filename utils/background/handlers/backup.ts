/** The backup file: the whole database out (export), or replaced by a file (import). */
import { BackupSchema, backupIntegrityProblem, type Backup } from '../../domain/backup-format';
import { describeIssues } from '../../domain/issues';
import { refuse, type HandlerTable } from '../context';
import { readSettings, type LineKeeperDb } from '../db';

const uiImportBackup: HandlerTable['ui:import-backup'] = async (message, context) => {
  const parsed = BackupSchema.safeParse(message.backup);
  if (!parsed.success) refuse(`invalid backup: ${describeIssues(parsed.error)}`);
  const backup = parsed.data;
  // Everything beyond the schema (duplicate ids, orphans), so an import never half-applies.
  const problem = backupIntegrityProblem(backup);
  if (problem) refuse(`backup: ${problem}`);
  const { db } = context.deps;
  // All or nothing: one transaction over every table; any failure rolls everything back.
  await db.transaction('rw', [db.lines, db.readings, db.renewals, db.settings], async () => {
    await Promise.all([db.lines.clear(), db.readings.clear(), db.renewals.clear()]);
    await db.lines.bulkAdd(backup.lines);
    await db.readings.bulkAdd(backup.readings);
    await db.renewals.bulkAdd(backup.renewals);
    await db.settings.put({ key: 'settings', value: backup.settings });
  });
  return {
    reply: {
      ok: true,
      counts: {
        lines: backup.lines.length,
        readings: backup.readings.length,
        renewals: backup.renewals.length,
      },
    },
    wrote: true,
  };
};

/** The whole database as a backup file (the popup saves it where the user asks). */
export async function exportBackup(db: LineKeeperDb, now: number): Promise<Backup> {
  return db.transaction('r', [db.lines, db.readings, db.renewals, db.settings], async () => ({
    format: 'linekeeper-backup' as const,
    version: 1 as const,
    exportedAt: new Date(now).toISOString(),
    lines: await db.lines.toArray(),
    readings: await db.readings.toArray(),
    renewals: await db.renewals.toArray(),
    settings: await readSettings(db),
  }));
}

const uiExportBackup: HandlerTable['ui:export-backup'] = async (_, context) => ({
  reply: { ok: true, backup: await exportBackup(context.deps.db, context.now) },
  wrote: false,
});

export const backupHandlers = {
  'ui:import-backup': uiImportBackup,
  'ui:export-backup': uiExportBackup,
} satisfies Partial<HandlerTable>;
