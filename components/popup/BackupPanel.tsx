/**
 * Backup and calendar: export the whole database as one versioned JSON file, import one
 * (checked here first, summarised, applied only after the user confirms; the background
 * applies it all-or-nothing), and export the lines' expiries as an `.ics` calendar. A
 * calendar file does not follow later renewals: the panel says when it was exported and
 * whether an expiry changed since. Files are saved with a Blob + object URL +
 * `<a download>`: no `downloads` permission.
 */
import { send } from '../../utils/protocol/send';
import { useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  MAX_BACKUP_BYTES,
  backupCountsText,
  backupFileName,
  parseBackupFile,
  refusalMessage,
  importSizeRefusal,
  serializeBackup,
  type BackupSummary,
} from '../../utils/popup/backup-file';
import { readBackup } from '../../utils/background/db';
import {
  CALENDAR_FILE_NAME,
  CALENDAR_MIME_TYPE,
  buildCalendarFile,
  calendarAlarmDaysText,
  calendarChangesSince,
  calendarEvents,
  calendarExportRecord,
  parseCalendarExportRecord,
  type CalendarExportRecord,
} from '../../utils/popup/calendar-export';
import { formatCount, formatRelativeTime, pickPlural } from '../../utils/domain/format';
import { formatDayOf } from '../../utils/popup/line-detail';
import type { Translate, UiLocale } from '../../utils/domain/i18n';
import type { Backup } from '../../utils/domain/backup-format';
import { popupDb, useLiveResult } from './data';
import { readListData } from '../../utils/popup/queries';
import './detail.css';

export interface BackupPanelProps {
  locale: UiLocale;
  t: Translate;
}

/** Saves `text` as a file the way a web page would: a Blob, an object URL, a link click. */
export function saveFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in Chromium; the popup's end frees it anyway.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

interface Status {
  kind: 'ok' | 'error';
  text: string;
  detail?: string;
}

interface Pending {
  backup: Backup;
  summary: BackupSummary;
  fileName: string;
}

/** What the last calendar export held: a UI memory, kept in the popup's own localStorage. */
const CALENDAR_EXPORT_KEY = 'linekeeper:calendarExport';

function readCalendarExport(): CalendarExportRecord | null {
  try {
    return parseCalendarExportRecord(
      JSON.parse(localStorage.getItem(CALENDAR_EXPORT_KEY) ?? 'null'),
    );
  } catch {
    return null;
  }
}

function rememberCalendarExport(record: CalendarExportRecord): void {
  try {
    localStorage.setItem(CALENDAR_EXPORT_KEY, JSON.stringify(record));
  } catch {
    // Private windows may refuse storage: the export itself still happened.
  }
}

function productId(): string {
  try {
    return `-//LineKeeper//LineKeeper ${browser.runtime.getManifest().version}//EN`;
  } catch {
    return '-//LineKeeper//LineKeeper//EN';
  }
}

export function BackupPanel(props: BackupPanelProps) {
  const { locale, t } = props;
  const db = popupDb();
  const listResult = useLiveResult(() => readListData(db), [db]);
  const list = listResult.status === 'ready' ? listResult.value : null;
  const settings = list?.settings ?? null;
  const [exported, setExported] = useState<CalendarExportRecord | null>(readCalendarExport);
  // Lines whose calendar event is not what the last export wrote (renewed since, …).
  const staleLines = useMemo(
    () =>
      exported && list
        ? calendarChangesSince(exported, calendarEvents(list.lines, list.settings, locale, t))
        : 0,
    [exported, list, locale, t],
  );
  const [busy, setBusy] = useState<null | 'export' | 'import' | 'calendar'>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  const exportBackup = async () => {
    setBusy('export');
    setStatus(null);
    try {
      // Read here, not sent by the background: a backup never has to fit in one message.
      const backup = await readBackup(db, Date.now());
      const name = backupFileName(Date.now());
      saveFile(name, 'application/json', serializeBackup(backup));
      setStatus({ kind: 'ok', text: t('backupSaved', [name]) });
    } catch (error) {
      setStatus({ kind: 'error', text: t('backupExportFailed', [String(error)]) });
    } finally {
      setBusy(null);
    }
  };

  const chooseFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared so choosing the same file again fires `change` again.
    input.value = '';
    setPending(null);
    setStatus(null);
    if (!file) return;
    if (file.size > MAX_BACKUP_BYTES) {
      setStatus({ kind: 'error', text: t('backupErrorTooLarge') });
      return;
    }
    setBusy('import');
    try {
      let text: string;
      try {
        text = await file.text();
      } catch (error) {
        setStatus({ kind: 'error', text: t('backupErrorRead'), detail: String(error) });
        return;
      }
      const result = parseBackupFile(text);
      if (!result.ok) {
        setStatus({ kind: 'error', text: refusalMessage(result, t), detail: result.detail });
        return;
      }
      // One import is one message, and a runtime message carries at most 64 MiB.
      const tooLarge = importSizeRefusal(result.backup, t);
      if (tooLarge) {
        setStatus({ kind: 'error', text: tooLarge });
        return;
      }
      setPending({ backup: result.backup, summary: result.summary, fileName: file.name });
      // Next keyboard stop: the confirm button.
      requestAnimationFrame(() => confirmButton.current?.focus());
    } finally {
      setBusy(null);
    }
  };

  const applyImport = async () => {
    if (!pending) return;
    setBusy('import');
    try {
      const reply = await send({ type: 'ui:import-backup', backup: pending.backup });
      if (!reply.ok) {
        setStatus({ kind: 'error', text: t('backupImportRefused', [reply.error]) });
        return;
      }
      setPending(null);
      setStatus({
        kind: 'ok',
        text: t('backupImported', [backupCountsText(reply.counts, locale, t)]),
      });
    } finally {
      setBusy(null);
    }
  };

  const cancelImport = () => {
    setPending(null);
    fileInput.current?.focus();
  };

  const exportCalendar = async () => {
    setBusy('calendar');
    setStatus(null);
    try {
      const { lines, settings: current } = await readListData(db);
      const file = buildCalendarFile(lines, current, Date.now(), locale, t, productId());
      if (!file) {
        setStatus({ kind: 'error', text: t('calendarNothing') });
        return;
      }
      saveFile(CALENDAR_FILE_NAME, `${CALENDAR_MIME_TYPE};charset=utf-8`, file.text);
      const record = calendarExportRecord(calendarEvents(lines, current, locale, t), Date.now());
      rememberCalendarExport(record);
      setExported(record);
      setStatus({
        kind: 'ok',
        text: t('calendarSaved', [CALENDAR_FILE_NAME, String(file.events)]),
      });
    } catch (error) {
      setStatus({ kind: 'error', text: t('calendarFailed', [String(error)]) });
    } finally {
      setBusy(null);
    }
  };

  const alarmDays = calendarAlarmDaysText(settings ?? { leadDays: [7, 3, 1, 0] }, locale, t);
  const fileId = 'lk-backup-file';

  return (
    <section class="lk-backup" aria-labelledby="lk-backup-title" aria-busy={busy !== null}>
      <h2 id="lk-backup-title">{t('backupTitle')}</h2>
      <p class="lk-backup__muted">{t('backupIntro')}</p>

      <div class="lk-backup__section">
        <div class="lk-backup__row">
          <button
            type="button"
            class="lk-backup__primary"
            disabled={busy !== null}
            onClick={() => void exportBackup()}
          >
            {busy === 'export' ? t('backupWorking') : t('backupExport')}
          </button>
          <input
            ref={fileInput}
            id={fileId}
            type="file"
            accept=".json,application/json"
            class="lk-visually-hidden"
            disabled={busy !== null}
            onChange={(event) => void chooseFile(event)}
          />
          <label for={fileId} class="lk-backup__file">
            {busy === 'import' ? t('backupWorking') : t('backupImport')}
          </label>
        </div>

        {pending ? (
          <div class="lk-backup__confirm" role="group" aria-labelledby="lk-backup-summary">
            <p id="lk-backup-summary" data-testid="backup-summary">
              {t('backupSummary', [
                backupCountsText(pending.summary, locale, t),
                formatRelativeTime(pending.summary.exportedAt, Date.now(), locale),
              ])}
            </p>
            <p class="lk-backup__muted">{t('backupReplaceWarning')}</p>
            <div class="lk-backup__row">
              <button
                ref={confirmButton}
                type="button"
                class="lk-backup__primary"
                disabled={busy !== null}
                onClick={() => void applyImport()}
              >
                {t('backupConfirm')}
              </button>
              <button type="button" disabled={busy !== null} onClick={cancelImport}>
                {t('backupCancel')}
              </button>
            </div>
          </div>
        ) : null}
      </div>

      <div class="lk-backup__section">
        <div class="lk-backup__row">
          <button type="button" disabled={busy !== null} onClick={() => void exportCalendar()}>
            {busy === 'calendar' ? t('backupWorking') : t('calendarExport')}
          </button>
        </div>
        <p class="lk-backup__muted">{t('calendarHint', [alarmDays])}</p>
        {exported && (
          <p class="lk-backup__muted" data-testid="calendar-exported">
            {t('calendarExportedOn', [formatDayOf(exported.exportedAt, locale)])}
          </p>
        )}
        {staleLines > 0 && (
          <p class="lk-backup__stale" data-testid="calendar-stale">
            {t(pickPlural(staleLines, locale, 'calendarStaleOne', 'calendarStaleOther'), [
              formatCount(staleLines, locale),
            ])}
          </p>
        )}
      </div>

      {/* Two live regions that stay in the page: a region that appears with its text is
          often not announced. */}
      <div role="status" data-testid="backup-status">
        {status?.kind === 'ok' ? <p class="lk-status-ok">{status.text}</p> : null}
      </div>
      <div role="alert" data-testid="backup-error">
        {status?.kind === 'error' ? (
          <>
            <p class="lk-status-error">{status.text}</p>
            {status.detail ? (
              <p class="lk-backup__detail">{t('backupErrorDetail', [status.detail])}</p>
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}
