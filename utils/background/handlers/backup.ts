/** The backup file: the whole database out (export), or replaced by a file (import). */
import { BackupSchema, backupIntegrityProblem } from '../../domain/backup-format';
import { describeIssues } from '../../domain/issues';
import { refuse, type HandlerTable } from '../context';
import { readBackup } from '../db';

const uiImportBackup: HandlerTable['ui:import-backup'] = async (message, context) => {
  const parsed = BackupSchema.safeParse(message.backup);
  if (!parsed.success) refuse(`invalid backup: ${describeIssues(parsed.error)}`);
  const backup = parsed.data;
  // Everything beyond the schema (duplicate ids, orphans), so an import never half-applies.
  const problem = backupIntegrityProblem(backup);
  if (problem) refuse(`backup: ${problem}`);
  const { db } = context.deps;
  // All or nothing: one transaction over every table; any failure rolls everything back.
  // The trash goes too: an undo after an import must not bring back what the file replaced.
  const tables = [db.lines, db.readings, db.renewals, db.settings, db.trash];
  await db.transaction('rw', tables, async () => {
    await Promise.all([
      db.lines.clear(),
      db.readings.clear(),
      db.renewals.clear(),
      db.trash.clear(),
    ]);
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

/** The whole database as a backup (the popup reads it itself: utils/background/db.ts). */
const uiExportBackup: HandlerTable['ui:export-backup'] = async (_, context) => ({
  reply: { ok: true, backup: await readBackup(context.deps.db, context.now) },
  wrote: false,
});

export const backupHandlers = {
  'ui:import-backup': uiImportBackup,
  'ui:export-backup': uiExportBackup,
} satisfies Partial<HandlerTable>;
