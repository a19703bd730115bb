/**
 * The in-page companion on carrier sites. A quiet card in the bottom corner that says
 * what LineKeeper saved, or helps at the moment of paying; it folds itself into a small
 * pill after a few seconds unless the pointer or focus is inside it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CarrierAdapter } from '../../utils/carriers/types';
import {
  formatDaysLeft,
  formatIsoDate,
  formatMoney,
  formatMoneyChange,
  formatMsisdn,
  urgencyOf,
} from '../../utils/format';
import type { Translate, UiLocale } from '../../utils/i18n';
import type { OverlayView } from '../../utils/overlay-view';

export const COLLAPSE_AFTER_MS = 8_000;

export interface OverlayProps {
  view: OverlayView;
  carrier: CarrierAdapter;
  locale: UiLocale;
  t: Translate;
  onDismiss(): void;
  onHideSite(): void;
  onEnterByHand(): void;
  /** Copies the masked page report; resolves to whether the clipboard took it. */
  onCopyReport(): Promise<boolean>;
  collapseAfterMs?: number;
}

export function Overlay(props: OverlayProps) {
  const { t, view } = props;
  const [collapsed, setCollapsed] = useState(false);
  const engaged = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const armCollapse = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!engaged.current) setCollapsed(true);
    }, props.collapseAfterMs ?? COLLAPSE_AFTER_MS);
  };
  const engage = () => {
    engaged.current = true;
    clearTimeout(timer.current);
  };
  const release = () => {
    engaged.current = false;
    armCollapse();
  };

  // A new view (route change, new answer) shows the card again.
  useEffect(() => {
    setCollapsed(false);
    armCollapse();
    return () => clearTimeout(timer.current);
  }, [view]);

  if (collapsed) {
    return (
      <button
        type="button"
        class="lk-pill"
        data-lk="expand"
        aria-label={t('overlayExpand')}
        onClick={() => {
          setCollapsed(false);
          armCollapse();
        }}
      >
        <span class="lk-dot" style={{ background: props.carrier.color }} aria-hidden="true" />
        <span>{pillText(props)}</span>
      </button>
    );
  }

  return (
    <section
      class={`lk-card lk-${view.mode}`}
      role="status"
      aria-label={t('extName')}
      onPointerEnter={engage}
      onPointerLeave={release}
      onFocusIn={engage}
      onFocusOut={release}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setCollapsed(true);
      }}
    >
      <div class="lk-head">
        <span class="lk-dot" style={{ background: props.carrier.color }} aria-hidden="true" />
        <strong class="lk-brand">{t('extName')}</strong>
        <button
          type="button"
          class="lk-icon"
          data-lk="collapse"
          aria-label={t('overlayCollapse')}
          title={t('overlayCollapse')}
          onClick={() => setCollapsed(true)}
        >
          –
        </button>
        <button
          type="button"
          class="lk-icon"
          data-lk="dismiss"
          aria-label={t('overlayDismiss')}
          title={t('overlayDismiss')}
          onClick={props.onDismiss}
        >
          ×
        </button>
      </div>
      <Body {...props} />
      <div class="lk-foot">
        <button type="button" class="lk-link" data-lk="hide-site" onClick={props.onHideSite}>
          {t('overlayHideSite')}
        </button>
      </div>
    </section>
  );
}

function pillText({ view, locale, t }: OverlayProps): string {
  if (view.mode === 'saved' && view.line.daysLeft !== null) {
    return formatDaysLeft(view.line.daysLeft, locale, t);
  }
  return t('extName');
}

function Body(props: OverlayProps) {
  const { view, t, locale, carrier } = props;
  switch (view.mode) {
    case 'saved': {
      const { line } = view;
      const urgency = urgencyOf(line.daysLeft, 7);
      return (
        <div class="lk-body">
          <p class="lk-title" data-lk="saved">
            <span class="lk-ok" aria-hidden="true">
              ✓
            </span>{' '}
            {t('overlaySaved')} · {line.msisdn ? formatMsisdn(line.msisdn) : line.displayName}
          </p>
          {line.expiresOn ? (
            <p class={`lk-expiry lk-urgency-${urgency}`}>
              {t(line.estimated ? 'overlayExpiresEstimated' : 'overlayExpires', [
                formatIsoDate(line.expiresOn, locale),
              ])}
              {line.daysLeft !== null ? `, ${formatDaysLeft(line.daysLeft, locale, t)}` : ''}
            </p>
          ) : (
            <p class="lk-muted">{t('overlayNoExpiry')}</p>
          )}
          {line.balance ? (
            <p>
              {t('overlayBalance', [formatMoney(line.balance.amount, locale)])}
              {view.balanceChange !== null ? (
                <span class="lk-change">
                  {' '}
                  ({t('overlayBalanceChange', [formatMoneyChange(view.balanceChange, locale)])})
                </span>
              ) : null}
            </p>
          ) : null}
          <p class="lk-actions">
            <a class="lk-button" href={carrier.rechargeUrl} target="_blank" rel="noopener">
              {t('overlayRechargeNow')}
            </a>
          </p>
          {view.reading.expiresOn === null ? (
            <>
              <p class="lk-muted" data-lk="expiry-unsure">
                {t('overlayExpiryUnsure')}
              </p>
              <UnsureActions {...props} />
            </>
          ) : null}
        </div>
      );
    }
    case 'unassigned':
      return (
        <div class="lk-body">
          <p class="lk-title">{t('overlayUnassignedTitle')}</p>
          <p class="lk-muted">{t('overlayUnassignedBody')}</p>
        </div>
      );
    case 'unsure':
      return <UnsureBody {...props} />;
    case 'receipt':
      return (
        <div class="lk-body">
          <p class="lk-title" data-lk="receipt">
            <span class="lk-ok" aria-hidden="true">
              ✓
            </span>{' '}
            {t(view.duplicate ? 'overlayReceiptAlreadySaved' : 'overlayReceiptSaved')} ·{' '}
            {formatMoney(view.amount, locale)} · {t('overlayOperation', [view.operationId])}
          </p>
          <p class="lk-muted">{t('overlayReceiptKeep')}</p>
        </div>
      );
    case 'checklist':
      return (
        <div class="lk-body">
          <details class="lk-checklist">
            <summary>{t('overlayChecklistTitle')}</summary>
            <ul>
              {CHECKLIST_KEYS.map((key) => (
                <li key={key}>{t(key)}</li>
              ))}
            </ul>
          </details>
        </div>
      );
    case 'failed':
      return (
        <div class="lk-body">
          <p class="lk-title lk-warn">{t('overlayFailedTitle')}</p>
          {view.notCharged ? <p class="lk-note">{t('overlayFailedNotCharged')}</p> : null}
          <ol class="lk-steps">
            {FAILED_STEP_KEYS.map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ol>
        </div>
      );
    case 'error':
      return (
        <div class="lk-body">
          <p class="lk-title lk-warn">{t('overlayErrorTitle')}</p>
          <p class="lk-muted">{view.message}</p>
        </div>
      );
  }
}

const CHECKLIST_KEYS = [
  'checklistLineAndAmount',
  'checklistDuration',
  'checklistRateAndFees',
  'checklistNoPublicWifi',
  'checklistKeepReceipt',
];

const FAILED_STEP_KEYS = [
  'failedStepConnection',
  'failedStepOtherMethod',
  'failedStepWait',
  'failedStepSupport',
];

function UnsureBody(props: OverlayProps) {
  const { t } = props;
  return (
    <div class="lk-body">
      <p class="lk-title" data-lk="unsure">
        {t('overlayUnsureTitle')}
      </p>
      <p class="lk-muted">{t('overlayUnsureBody')}</p>
      <UnsureActions {...props} />
    </div>
  );
}

/** "Enter it by hand" and "Copy a page report": for pages the engine could not read for sure. */
function UnsureActions({ t, onEnterByHand, onCopyReport }: OverlayProps) {
  const [copied, setCopied] = useState<null | boolean>(null);
  return (
    <>
      <p class="lk-actions">
        <button type="button" class="lk-button" data-lk="enter-by-hand" onClick={onEnterByHand}>
          {t('overlayEnterByHand')}
        </button>
        <button
          type="button"
          class="lk-button lk-secondary"
          data-lk="copy-report"
          onClick={() => void onCopyReport().then(setCopied)}
        >
          {t('overlayCopyReport')}
        </button>
      </p>
      {copied === null ? null : (
        <p class="lk-muted" role="status">
          {t(copied ? 'overlayReportCopied' : 'overlayReportCopyFailed')}
        </p>
      )}
    </>
  );
}
