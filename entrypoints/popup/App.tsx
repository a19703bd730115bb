/**
 * The popup: the list of lines (most urgent first) with their actions, the forms, the
 * settings, the glossary, and each line's detail (components/popup/LineDetail.tsx). It
 * reads the database with liveQuery and writes only by messages to the background. It
 * speaks the language the settings choose (utils/popup/language.ts), switching at once
 * when that setting changes.
 *
 * First paint: the list is painted from the snapshot the background keeps
 * (utils/domain/list-snapshot.ts) while the database code loads (components/popup/live.ts); the
 * database's answer then replaces it, row by row (keyed by line id), in the same DOM.
 */
import { send } from '../../utils/protocol/send';
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BackupPanelProps } from '../../components/popup/BackupPanel';
import { EmptyState } from '../../components/popup/EmptyState';
import { lazyView } from '../../components/popup/lazy';
import type { LineDetailProps } from '../../components/popup/LineDetail';
import type { LineFormViewProps } from '../../components/popup/LineForm';
import type { GlossaryProps } from '../../components/popup/Glossary';
import { LineList, type LineActions } from '../../components/popup/LineList';
import {
  errorMessage,
  loadData,
  storageErrorKeys,
  useLazyLiveResult,
} from '../../components/popup/live';
import type { RenewalFormProps } from '../../components/popup/RenewalForm';
import type { SettingsPanelProps } from '../../components/popup/SettingsPanel';
import { Snackbar } from '../../components/popup/Snackbar';
import { UnassignedReadings } from '../../components/popup/UnassignedReadings';
import { carrierById } from '../../utils/carriers';
import { BCP47_BY_LOCALE } from '../../utils/domain/format';
import type { Translate } from '../../utils/domain/i18n';
import {
  languagePlan,
  popupLanguage,
  type LanguageSources,
  type PopupLanguage,
} from '../../utils/popup/language';
import { lastRechargeAmount, rechargeMessage, rechargeNumber } from '../../utils/popup/recharge';
import {
  UNASSIGNED_LIMIT,
  UNASSIGNED_LOOKBACK_DAYS,
  createRowFormatter,
  leadWindowOf,
  shownNumber,
  snoozeUntil,
  unassignedViews,
  type ListLine,
} from '../../utils/popup/line-list';
import { lineName, sortLines } from '../../utils/domain/line-order';
import { buildListSnapshot, sameListSnapshot } from '../../utils/domain/list-snapshot';
import type { ListSnapshot } from '../../utils/domain/records';

// Not needed for the first paint: separate chunks, fetched after the list painted.
const LineForm = lazyView<LineFormViewProps>(() =>
  import('../../components/popup/LineForm').then((m) => m.LineFormView),
);
const RenewalForm = lazyView<RenewalFormProps>(() =>
  import('../../components/popup/RenewalForm').then((m) => m.RenewalForm),
);
const SettingsPanel = lazyView<SettingsPanelProps>(() =>
  import('../../components/popup/SettingsPanel').then((m) => m.SettingsPanel),
);
const LineDetail = lazyView<LineDetailProps>(() =>
  import('../../components/popup/LineDetail').then((m) => m.LineDetail),
);
const BackupPanel = lazyView<BackupPanelProps>(() =>
  import('../../components/popup/BackupPanel').then((m) => m.BackupPanel),
);
const Glossary = lazyView<GlossaryProps>(() =>
  import('../../components/popup/Glossary').then((m) => m.Glossary),
);
const LAZY_VIEWS = [LineForm, RenewalForm, SettingsPanel, LineDetail, BackupPanel, Glossary];

type View =
  | { name: 'list' }
  | { name: 'add'; prefillHash: string }
  | { name: 'edit'; lineId: string }
  | { name: 'renew'; lineId: string }
  | { name: 'detail'; lineId: string }
  | { name: 'settings' }
  | { name: 'glossary'; from: Exclude<View, { name: 'glossary' }> };

interface Snack {
  id: number;
  message: string;
  actionLabel?: string;
  onAction?(): void;
}

const HIDE_NUMBERS_KEY = 'linekeeper:hideNumbers';
const UNDO_MS = 8000;

export interface AppProps {
  /** The language to paint in first (the snapshot's choice, main.tsx). */
  language: PopupLanguage;
  /** Where other languages come from, when the setting changes. */
  languages: LanguageSources;
  /** The page's hash at start: `#/add?…` opens the add form prefilled. */
  initialHash: string;
  /** The list as the background last saw it (storage.local), or null: paint from the database. */
  snapshot: ListSnapshot | null;
  /** readHideNumbers(), read by the entry while the snapshot loads. */
  hideNumbersAtStart: boolean;
}

/** A UI preference, not data: kept in the popup's own localStorage (read synchronously). */
export function readHideNumbers(): boolean {
  try {
    return localStorage.getItem(HIDE_NUMBERS_KEY) === '1';
  } catch {
    return false;
  }
}

/** `#/add?…` asks for the add form (its values: prefillFromHash, in the form's own chunk). */
function isAddLineHash(hash: string): boolean {
  return /^#?\/add(\?|$)/.test(hash);
}

/** `#glossary` (the overlay's "what do these words mean?") opens the glossary. */
function isGlossaryHash(hash: string): boolean {
  return /^#?\/?glossary$/.test(hash);
}

function initialView(hash: string): View {
  if (isGlossaryHash(hash)) return { name: 'glossary', from: { name: 'list' } };
  return isAddLineHash(hash) ? { name: 'add', prefillHash: hash } : { name: 'list' };
}

export function App({ language, languages, initialHash, snapshot, hideNumbersAtStart }: AppProps) {
  const [lang, setLang] = useState<PopupLanguage>(language);
  const { locale, t } = lang;
  const [view, setViewState] = useState<View>(() => initialView(initialHash));
  const [hideNumbers, setHideNumbers] = useState(hideNumbersAtStart);
  const [now, setNow] = useState(() => Date.now());
  const [actionError, setActionError] = useState<string | null>(null);
  const [snack, setSnack] = useState<Snack | null>(null);

  // "Days left" and "read 3 minutes ago" move on while the popup stays open.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  // A message belongs to the view it was said in: a new view closes it (a snackbar must
  // never sit over a form's buttons). A message shown with the change stays.
  const setView = useCallback((next: View) => {
    setSnack(null);
    setViewState(next);
  }, []);

  useEffect(() => {
    const onHash = () => {
      if (isAddLineHash(location.hash)) setView({ name: 'add', prefillHash: location.hash });
      if (isGlossaryHash(location.hash)) setView({ name: 'glossary', from: { name: 'list' } });
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const data = useLazyLiveResult(
    async ({ popupDb, readListData }) => {
      const result = await readListData(popupDb());
      performance.mark('linekeeper:data');
      return result;
    },
    [],
    // Open it first, so a refused open (newer data) shows instead of loading forever.
    true,
  );
  // Readings waiting for a line: a separate, later query (the list never waits for readings).
  const unassigned = useLazyLiveResult(
    ({ popupDb, readUnassigned }) =>
      readUnassigned(popupDb(), now, UNASSIGNED_LOOKBACK_DAYS, UNASSIGNED_LIMIT),
    [Math.floor(now / 3_600_000)],
  );

  // The database's answer once it is in; until then, the snapshot's first screenful.
  const real = data.status === 'ready' ? data.value : null;
  const settings = real?.settings ?? null;

  // The language setting as the database holds it: switch when it differs from the one
  // painted (the snapshot's, or none yet).
  const chosen = settings ? (settings.language ?? 'auto') : null;
  useEffect(() => {
    if (chosen === null || languagePlan(chosen, languages.browserLocale).locale === locale) return;
    let live = true;
    void Promise.resolve(popupLanguage(chosen, languages)).then((next) => live && setLang(next));
    return () => {
      live = false;
    };
  }, [chosen]);
  useEffect(() => {
    document.documentElement.lang = BCP47_BY_LOCALE[locale];
    document.title = t('extName');
  }, [lang]);
  const lines: readonly ListLine[] | null = real?.lines ?? snapshot?.lines ?? null;
  const total = real ? real.lines.length : (snapshot?.count ?? 0);
  const leadWindow = leadWindowOf(settings?.leadDays ?? snapshot?.leadDays ?? []);

  const format = useMemo(
    () => createRowFormatter({ now, locale, t, leadWindow, hideNumbers }),
    [now, locale, t, leadWindow, hideNumbers],
  );
  const sorted = useMemo(() => (lines ? sortLines(lines, now) : []), [lines, now]);
  const lineById = useMemo(() => new Map((lines ?? []).map((line) => [line.id, line])), [lines]);
  // Shown with no line at all too: "add as a new line" is how such a reading gets one.
  const unassignedRows = useMemo(
    () =>
      unassigned.status === 'ready' ? unassignedViews(unassigned.value, lines ?? [], format) : [],
    [unassigned, lines, format],
  );

  // A snapshot that does not match the database (or none) is rewritten by the background.
  const [snapshotChecked, setSnapshotChecked] = useState(false);
  useEffect(() => {
    if (!real || snapshotChecked) return;
    setSnapshotChecked(true);
    if (!sameListSnapshot(buildListSnapshot(real.lines, real.settings, now), snapshot)) {
      void send({ type: 'ui:refresh-list-snapshot' });
    }
  }, [real]);

  // For the 500-line budget, marks the e2e test reads: the list is in the DOM (layout
  // effect), then the next frame; after that, fetch the other views while the user reads.
  useLayoutEffect(() => {
    if (lines === null) return;
    performance.mark('linekeeper:list-rendered');
    requestAnimationFrame(() => {
      performance.mark('linekeeper:list-painted');
      void loadData();
      setTimeout(() => LAZY_VIEWS.forEach((view) => void view.preload()), 50);
    });
  }, [lines === null]);

  const toggleHideNumbers = () => {
    setHideNumbers((hidden) => {
      try {
        localStorage.setItem(HIDE_NUMBERS_KEY, hidden ? '0' : '1');
      } catch {
        // Private windows may refuse storage: the toggle still works for this popup.
      }
      return !hidden;
    });
  };

  const closeSnack = useCallback(() => setSnack(null), []);
  const showSnack = (next: Omit<Snack, 'id'>) => setSnack({ ...next, id: Date.now() });

  const backToList = () => {
    if (location.hash) history.replaceState(null, '', location.pathname);
    setView({ name: 'list' });
  };

  const openTab = (url: string, active = true) => {
    browser.tabs.create({ url, active }).catch((error: unknown) => setActionError(String(error)));
  };

  const nameOf = (line: ListLine) =>
    line.label.trim() || (line.msisdn ? shownNumber(line.msisdn, hideNumbers) : lineName(line));

  const actions: LineActions = {
    /**
     * Copies the number as the recharge page asks for it (10 digits, no 0 and 15), opens
     * that page in a tab behind the popup (an active tab would close the popup before the
     * user reads what was copied) and says both, with the last amount paid.
     */
    async recharge(lineId) {
      const line = lineById.get(lineId);
      if (!line) return;
      const carrier = carrierById(line.carrier);
      const number = rechargeNumber(line.msisdn, hideNumbers);
      let copied = false;
      if (number) {
        try {
          // First, while the click still counts as the user's gesture.
          await navigator.clipboard.writeText(number.digits);
          copied = true;
        } catch {
          // The snackbar then shows the number to type instead.
        }
      }
      let lastAmount: number | null = null;
      try {
        const data = await loadData();
        lastAmount = lastRechargeAmount(await data.readRenewals(data.popupDb(), lineId));
      } catch {
        // Unknown: the snackbar just doesn't say it.
      }
      openTab(carrier.rechargeUrl, false);
      showSnack({
        message: rechargeMessage(
          { number, copied, lastAmount, carrierName: carrier.name },
          locale,
          t,
        ),
      });
    },
    renew: (lineId) => setView({ name: 'renew', lineId }),
    details: (lineId) => setView({ name: 'detail', lineId }),
    edit: (lineId) => setView({ name: 'edit', lineId }),
    async remove(lineId) {
      const line = lineById.get(lineId);
      if (!line) return;
      const reply = await send({ type: 'ui:delete-line', lineId });
      if (!reply.ok) return setActionError(errorMessage(reply.error, t));
      setActionError(null);
      if (view.name !== 'list') backToList();
      const { trashId } = reply;
      showSnack({
        message: t('popupDeleted', [nameOf(line)]),
        actionLabel: t('popupUndo'),
        async onAction() {
          setSnack(null);
          const restored = await send({ type: 'ui:restore-line', trashId });
          if (!restored.ok) setActionError(errorMessage(restored.error, t));
          else showSnack({ message: t('popupRestored', [nameOf(line)]) });
        },
      });
    },
    async resolveExpiry(lineId, keep, expiresOn) {
      const reply = await send({ type: 'ui:resolve-expiry', lineId, keep, expiresOn });
      if (!reply.ok) return setActionError(errorMessage(reply.error, t));
      setActionError(null);
      showSnack({ message: t(keep === 'mine' ? 'popupKeptYourDate' : 'popupUsedPageDate') });
    },
    async snooze(lineId, days) {
      const line = lineById.get(lineId);
      const reply = await send({
        type: 'ui:snooze-line',
        lineId,
        until: days === null ? null : snoozeUntil(Date.now(), days),
      });
      if (!reply.ok) return setActionError(errorMessage(reply.error, t));
      setActionError(null);
      if (line) {
        showSnack({
          message:
            days === null ? t('popupUnsnoozed', [nameOf(line)]) : t('popupSnoozed', [nameOf(line)]),
        });
      }
    },
  };

  const waiting = {
    async onAssign(readingId: number, lineId: string) {
      const reply = await send({ type: 'ui:assign-reading', readingId, lineId });
      if (!reply.ok) return setActionError(errorMessage(reply.error, t));
      setActionError(null);
      const line = lineById.get(lineId);
      if (line) showSnack({ message: t('popupAssigned', [nameOf(line)]) });
    },
    async onAddLine(readingId: number) {
      const reply = await send({ type: 'ui:add-line-from-reading', readingId });
      if (!reply.ok) return setActionError(errorMessage(reply.error, t));
      setActionError(null);
      showSnack({ message: t('popupAdded') });
    },
    async onDiscard(readingId: number) {
      const reply = await send({ type: 'ui:discard-reading', readingId });
      if (!reply.ok) return setActionError(errorMessage(reply.error, t));
      setActionError(null);
      showSnack({ message: t('popupReadingDiscarded') });
    },
  };

  function renderView() {
    if (data.status === 'error') {
      return (
        <div class="alert" role="alert" data-storage-error>
          <h2>{t(storageErrorKeys(data.error).title)}</h2>
          <p>{t(storageErrorKeys(data.error).body)}</p>
          <p class="small">{t('backupErrorDetail', [String(data.error)])}</p>
        </div>
      );
    }
    // The list may paint from the snapshot; everything else waits for the database.
    if (!lines || (view.name !== 'list' && !settings)) {
      return (
        <p class="muted" aria-busy="true">
          {t('detailLoading')}
        </p>
      );
    }
    switch (view.name) {
      case 'add':
        return (
          <LineForm
            key="add"
            t={t}
            locale={locale}
            line={null}
            prefillHash={view.prefillHash}
            onDone={() => {
              backToList();
              showSnack({ message: t('popupAdded') });
            }}
            onCancel={backToList}
          />
        );
      case 'edit': {
        const line = lineById.get(view.lineId);
        if (!line) return <NotFound t={t} onBack={backToList} />;
        return (
          <LineForm
            key={`edit-${line.id}`}
            t={t}
            locale={locale}
            line={line}
            prefillHash=""
            onDone={() => {
              backToList();
              showSnack({ message: t('popupSaved') });
            }}
            onCancel={backToList}
          />
        );
      }
      case 'renew': {
        const line = lineById.get(view.lineId);
        if (!line) return <NotFound t={t} onBack={backToList} />;
        return (
          <RenewalForm
            t={t}
            locale={locale}
            now={now}
            lineId={line.id}
            lineName={nameOf(line)}
            currentExpiry={line.expiresOn}
            onDone={() => {
              backToList();
              showSnack({ message: t('popupRenewalRecorded', [nameOf(line)]) });
            }}
            onCancel={backToList}
          />
        );
      }
      case 'detail':
        return (
          <LineDetail
            lineId={view.lineId}
            locale={locale}
            t={t}
            hideNumbers={hideNumbers}
            format={format}
            actions={actions}
            onBack={backToList}
            onGlossary={() => setView({ name: 'glossary', from: view })}
          />
        );
      case 'settings':
        return (
          <SettingsPanel
            t={t}
            settings={settings!}
            onBack={backToList}
            onGlossary={() => setView({ name: 'glossary', from: view })}
          >
            <BackupPanel locale={locale} t={t} />
          </SettingsPanel>
        );
      case 'glossary':
        return <Glossary t={t} onBack={() => setView(view.from)} />;
      case 'list':
        return (
          <>
            <UnassignedReadings t={t} readings={unassignedRows} {...waiting} />
            {sorted.length === 0 ? (
              <EmptyState
                t={t}
                openTab={openTab}
                onAdd={() => setView({ name: 'add', prefillHash: '' })}
              />
            ) : (
              <LineList
                lines={sorted}
                total={total}
                format={format}
                actions={actions}
                onAdd={() => setView({ name: 'add', prefillHash: '' })}
              />
            )}
          </>
        );
    }
  }

  return (
    <div class="app">
      <header class="bar">
        <h1 class="bar__title">
          <img src="/icon/32.png" alt="" width={20} height={20} />
          {t('extName')}
        </h1>
        <div class="bar__actions">
          <button
            type="button"
            class="btn btn--small"
            aria-pressed={hideNumbers}
            onClick={toggleHideNumbers}
          >
            {t('popupHideNumbers')}
          </button>
          <button
            type="button"
            class="btn btn--small"
            aria-pressed={view.name === 'settings'}
            onClick={() =>
              view.name === 'settings' ? backToList() : setView({ name: 'settings' })
            }
          >
            {t('popupSettings')}
          </button>
        </div>
      </header>
      <main class="scroll">
        {actionError && (
          <div class="alert alert--dismissable" role="alert">
            <p>{actionError}</p>
            <button type="button" class="btn btn--small" onClick={() => setActionError(null)}>
              {t('popupDismiss')}
            </button>
          </div>
        )}
        {renderView()}
      </main>
      <div class="snackbar-region" role="status" aria-live="polite">
        {snack && (
          <Snackbar
            key={snack.id}
            message={snack.message}
            actionLabel={snack.actionLabel}
            onAction={snack.onAction}
            onClose={closeSnack}
            timeoutMs={UNDO_MS}
          />
        )}
      </div>
    </div>
  );
}

function NotFound({ t, onBack }: { t: Translate; onBack(): void }) {
  return (
    <div class="panel">
      <p>{t('detailNotFound')}</p>
      <button type="button" class="btn" onClick={onBack}>
        {t('popupBackToLines')}
      </button>
    </div>
  );
}
