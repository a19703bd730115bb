/**
 * The in-page companion on carrier sites. A quiet card in the bottom corner that says
 * what LineKeeper saved, or helps at the moment of paying; it folds itself into a small
 * pill after a few seconds unless the pointer or focus is inside it.
 *
 * A class component: every carrier page pays for the content script, and preact/hooks
 * would add about 1 KB gzip to it for two pieces of state. Classic JSX (`h`) for the same
 * reason: preact/jsx-runtime is one more module on every page.
 */
/* @jsxRuntime classic */
/* @jsx h */
/* @jsxFrag Fragment */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- h and Fragment: the JSX factory
import { Component, Fragment, h } from 'preact';
import type { CarrierAdapter } from '../../utils/carriers/types';
import {
  formatDaysLeft,
  formatIsoDate,
  formatMoney,
  formatMoneyChange,
  formatMsisdn,
  urgencyOf,
} from '../../utils/domain/format';
import type { MessageKey, Translate, UiLocale } from '../../utils/domain/i18n';
import { storageErrorKey } from '../../utils/domain/error-text';
import type { OverlayView } from '../../utils/content/overlay-view';

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

interface OverlayState {
  collapsed: boolean;
  /** Outcome of "Copy a page report" for this view; null before any attempt. */
  copied: boolean | null;
}

const CHECKLIST_KEYS: MessageKey[] = [
  'checklistLineAndAmount',
  'checklistDuration',
  'checklistRateAndFees',
  'checklistNoPublicWifi',
  'checklistKeepReceipt',
];

const FAILED_STEP_KEYS: MessageKey[] = [
  'failedStepConnection',
  'failedStepOtherMethod',
  'failedStepWait',
  'failedStepSupport',
];

export class Overlay extends Component<OverlayProps, OverlayState> {
  override state: OverlayState = { collapsed: false, copied: null };
  /** Pointer or focus inside the card: it stays open. */
  private engaged = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  private armCollapse = () => {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.engaged) this.setState({ collapsed: true });
    }, this.props.collapseAfterMs ?? COLLAPSE_AFTER_MS);
  };

  private engage = () => {
    this.engaged = true;
    clearTimeout(this.timer);
  };

  private release = () => {
    this.engaged = false;
    this.armCollapse();
  };

  private expand = () => {
    this.setState({ collapsed: false });
    this.armCollapse();
  };

  private collapse = () => this.setState({ collapsed: true });

  override componentDidMount() {
    this.armCollapse();
  }

  override componentDidUpdate(previous: OverlayProps) {
    // A new view (route change, new answer) shows the card again.
    if (previous.view !== this.props.view) {
      this.setState({ collapsed: false, copied: null });
      this.armCollapse();
    }
  }

  override componentWillUnmount() {
    clearTimeout(this.timer);
  }

  override render() {
    const { t, view, carrier } = this.props;
    const dot = <span class="lk-dot" style={{ background: carrier.color }} aria-hidden="true" />;
    if (this.state.collapsed) {
      return (
        <button
          type="button"
          class="lk-pill"
          data-lk="expand"
          aria-label={t('overlayExpand')}
          onClick={this.expand}
        >
          {dot}
          <span>
            {view.mode === 'saved' && view.line.daysLeft !== null
              ? formatDaysLeft(view.line.daysLeft, this.props.locale, t)
              : t('extName')}
          </span>
        </button>
      );
    }
    return (
      <section
        class={`lk-card lk-${view.mode}`}
        role="status"
        aria-label={t('extName')}
        onPointerEnter={this.engage}
        onPointerLeave={this.release}
        onFocusIn={this.engage}
        onFocusOut={this.release}
        onKeyDown={(event) => {
          if (event.key === 'Escape') this.collapse();
        }}
      >
        <div class="lk-head">
          {dot}
          <strong class="lk-brand">{t('extName')}</strong>
          <button
            type="button"
            class="lk-icon"
            data-lk="collapse"
            aria-label={t('overlayCollapse')}
            title={t('overlayCollapse')}
            onClick={this.collapse}
          >
            –
          </button>
          <button
            type="button"
            class="lk-icon"
            data-lk="dismiss"
            aria-label={t('overlayDismiss')}
            title={t('overlayDismiss')}
            onClick={this.props.onDismiss}
          >
            ×
          </button>
        </div>
        <div class="lk-body">{this.body()}</div>
        <div class="lk-foot">
          <button type="button" class="lk-link" data-lk="hide-site" onClick={this.props.onHideSite}>
            {t('overlayHideSite')}
          </button>
        </div>
      </section>
    );
  }

  private body() {
    const { view, t, locale } = this.props;
    const ok = (
      <span class="lk-ok" aria-hidden="true">
        ✓
      </span>
    );
    switch (view.mode) {
      case 'saved': {
        const { line } = view;
        return (
          <>
            <p class="lk-title" data-lk="saved">
              {ok} {t('overlaySaved')} ·{' '}
              {line.msisdn ? formatMsisdn(line.msisdn) : line.displayName}
            </p>
            {line.expiresOn ? (
              <p class={`lk-expiry lk-urgency-${urgencyOf(line.daysLeft, 7)}`}>
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
              <a
                class="lk-button"
                href={this.props.carrier.rechargeUrl}
                target="_blank"
                rel="noopener"
              >
                {t('overlayRechargeNow')}
              </a>
            </p>
            {view.reading.expiresOn === null
              ? this.unsure('overlayExpiryUnsure', 'expiry-unsure')
              : null}
          </>
        );
      }
      case 'unassigned':
      case 'translated': {
        const [title, body]: [MessageKey, MessageKey] =
          view.mode === 'unassigned'
            ? ['overlayUnassignedTitle', 'overlayUnassignedBody']
            : ['overlayTranslatedTitle', 'overlayTranslatedBody'];
        return (
          <>
            <p class="lk-title" data-lk={view.mode}>
              {t(title)}
            </p>
            <p class="lk-muted">{t(body)}</p>
          </>
        );
      }
      case 'unsure':
        return (
          <>
            <p class="lk-title" data-lk="unsure">
              {t('overlayUnsureTitle')}
            </p>
            {this.unsure('overlayUnsureBody')}
          </>
        );
      case 'receipt':
        return (
          <>
            <p class="lk-title" data-lk="receipt">
              {ok} {t(view.duplicate ? 'overlayReceiptAlreadySaved' : 'overlayReceiptSaved')} ·{' '}
              {formatMoney(view.amount, locale)} · {t('overlayOperation', [view.operationId])}
            </p>
            <p class="lk-muted">{t('overlayReceiptKeep')}</p>
          </>
        );
      case 'checklist':
        return (
          <details class="lk-checklist">
            <summary>{t('overlayChecklistTitle')}</summary>
            <ul>
              {CHECKLIST_KEYS.map((key) => (
                <li>{t(key)}</li>
              ))}
            </ul>
          </details>
        );
      case 'failed':
        return (
          <>
            <p class="lk-title lk-warn">{t('overlayFailedTitle')}</p>
            {view.notCharged ? <p class="lk-note">{t('overlayFailedNotCharged')}</p> : null}
            <ol class="lk-steps">
              {FAILED_STEP_KEYS.map((key) => (
                <li>{t(key)}</li>
              ))}
            </ol>
          </>
        );
      case 'error':
        return (
          <>
            <p class="lk-title lk-warn">{t('overlayErrorTitle')}</p>
            <p class="lk-muted">{errorText(view.message, t)}</p>
          </>
        );
    }
  }

  /**
   * Why the page was not read for sure, then "Enter it by hand" and "Copy a page report",
   * and how copying went.
   */
  private unsure(messageKey: MessageKey, marker?: string) {
    const { t, onEnterByHand, onCopyReport } = this.props;
    const { copied } = this.state;
    return (
      <>
        <p class="lk-muted" data-lk={marker}>
          {t(messageKey)}
        </p>
        <p class="lk-actions">
          <button type="button" class="lk-button" data-lk="enter-by-hand" onClick={onEnterByHand}>
            {t('overlayEnterByHand')}
          </button>
          <button
            type="button"
            class="lk-button lk-secondary"
            data-lk="copy-report"
            onClick={() => void onCopyReport().then((copied) => this.setState({ copied }))}
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
}

/** A storage failure in the user's language; any other error as the background said it. */
function errorText(message: string, t: Translate): string {
  const key = storageErrorKey(message);
  return key ? t(key) : message;
}
