/**
 * Page shells: the framework look a carrier portal may have. A shell decides class names,
 * framework attributes, how a component is wrapped and the document around the content;
 * the page builders stay the same for every shell.
 */
import { esc } from './html';
import type { Rng } from './prng';

export const SHELLS = [
  'react',
  'angular',
  'vue',
  'tailwind',
  'bootstrap',
  'aspnet',
  'liferay',
  'webcomponents',
  'semantic',
] as const;
export type ShellName = (typeof SHELLS)[number];

export type Role =
  | 'app'
  | 'header'
  | 'nav'
  | 'navItem'
  | 'main'
  | 'section'
  | 'card'
  | 'cardTitle'
  | 'label'
  | 'value'
  | 'bigValue'
  | 'caption'
  | 'row'
  | 'table'
  | 'list'
  | 'listItem'
  | 'footer'
  | 'button'
  | 'muted'
  | 'alert'
  | 'banner';

export interface DocParts {
  title: string;
  header: string;
  nav: string;
  main: string;
  aside: string;
  footer: string;
  /** Cookie banner, chat widget: fixed overlays after the content. */
  overlays: string;
  /** Blocks hidden with the document's stylesheet: always in the light DOM. */
  lightBlocks: string;
  /** Script tags (inline state, bundles). */
  scripts: string;
  css: string[];
}

const TAILWIND: Record<Role, string> = {
  app: 'min-h-screen bg-gray-50 text-slate-800 antialiased',
  header: 'sticky top-0 z-40 flex items-center justify-between bg-white px-6 py-3 shadow',
  nav: 'flex flex-wrap gap-4 text-sm font-medium',
  navItem: 'px-2 py-1 rounded hover:bg-gray-100',
  main: 'mx-auto max-w-5xl px-4 py-6 space-y-6',
  section: 'grid grid-cols-1 gap-4 md:grid-cols-2',
  card: 'rounded-2xl border border-gray-200 bg-white p-5 shadow-sm',
  cardTitle: 'text-lg font-semibold text-slate-900 mb-2',
  label: 'text-sm text-gray-500',
  value: 'font-semibold text-slate-900',
  bigValue: 'text-3xl font-bold tracking-tight text-slate-900',
  caption: 'text-xs uppercase tracking-wide text-gray-400',
  row: 'flex items-center justify-between py-1',
  table: 'min-w-full divide-y divide-gray-200 text-sm',
  list: 'divide-y divide-gray-100',
  listItem: 'flex justify-between py-2 text-sm',
  footer: 'mt-10 border-t bg-white px-6 py-8 text-xs text-gray-500',
  button: 'inline-flex items-center rounded-full bg-sky-600 px-4 py-2 text-white',
  muted: 'text-xs text-gray-400',
  alert: 'rounded-lg border-l-4 p-4',
  banner: 'fixed inset-x-0 bottom-0 z-50 bg-slate-900 p-4 text-white',
};

const BOOTSTRAP: Record<Role, string> = {
  app: 'd-flex flex-column min-vh-100',
  header: 'navbar navbar-expand-lg navbar-light bg-light',
  nav: 'navbar-nav me-auto',
  navItem: 'nav-item nav-link',
  main: 'container my-4',
  section: 'row g-3',
  card: 'card shadow-sm',
  cardTitle: 'card-title h5',
  label: 'text-muted small',
  value: 'fw-bold',
  bigValue: 'display-6 fw-bold',
  caption: 'small text-uppercase text-muted',
  row: 'd-flex justify-content-between',
  table: 'table table-sm table-striped',
  list: 'list-group list-group-flush',
  listItem: 'list-group-item d-flex justify-content-between',
  footer: 'footer mt-auto py-3 bg-light small',
  button: 'btn btn-primary',
  muted: 'text-muted small',
  alert: 'alert',
  banner: 'fixed-bottom bg-dark text-white p-3',
};

const VUE: Record<Role, string> = {
  app: 'v-application v-theme--light',
  header: 'v-app-bar v-toolbar',
  nav: 'v-tabs v-slide-group',
  navItem: 'v-tab v-btn',
  main: 'v-main',
  section: 'v-row',
  card: 'v-card v-card--variant-elevated',
  cardTitle: 'v-card-title',
  label: 'v-list-item-subtitle',
  value: 'v-list-item-title font-weight-bold',
  bigValue: 'text-h4 font-weight-bold',
  caption: 'text-caption text-medium-emphasis',
  row: 'v-list-item',
  table: 'v-table__wrapper',
  list: 'v-list',
  listItem: 'v-list-item',
  footer: 'v-footer',
  button: 'v-btn v-btn--elevated',
  muted: 'text-disabled',
  alert: 'v-alert',
  banner: 'v-snackbar',
};

const ANGULAR: Record<Role, string> = {
  app: 'mat-app-background',
  header: 'mat-toolbar mat-primary',
  nav: 'mat-tab-nav-bar',
  navItem: 'mat-mdc-tab-link',
  main: 'main-container',
  section: 'dashboard-grid',
  card: 'mat-mdc-card mdc-card',
  cardTitle: 'mat-mdc-card-title',
  label: 'mat-mdc-card-subtitle',
  value: 'amount',
  bigValue: 'amount amount--xl',
  caption: 'mat-caption',
  row: 'mat-mdc-list-item',
  table: 'mat-mdc-table mdc-data-table__table',
  list: 'mat-mdc-list',
  listItem: 'mat-mdc-list-item',
  footer: 'app-footer',
  button: 'mdc-button mat-mdc-raised-button',
  muted: 'mat-hint',
  alert: 'mat-mdc-snack-bar-container',
  banner: 'cdk-overlay-pane',
};

const ASPNET: Record<Role, string> = {
  app: 'contenedor',
  header: 'cabecera',
  nav: 'menuPrincipal',
  navItem: 'itemMenu',
  main: 'contenido',
  section: 'bloque',
  card: 'recuadro',
  cardTitle: 'tituloRecuadro',
  label: 'etiqueta',
  value: 'valor',
  bigValue: 'valorGrande',
  caption: 'leyenda',
  row: 'fila',
  table: 'grilla',
  list: 'lista',
  listItem: 'itemLista',
  footer: 'pie',
  button: 'boton',
  muted: 'textoChico',
  alert: 'mensaje',
  banner: 'avisoCookies',
};

const LIFERAY: Record<Role, string> = {
  app: 'lfr-layout',
  header: 'lfr-header banner',
  nav: 'nav nav-navigation',
  navItem: 'lfr-nav-item',
  main: 'portlet-layout',
  section: 'portlet-column',
  card: 'card-horizontal lfr-card',
  cardTitle: 'card-title portlet-title-text',
  label: 'lfr-label',
  value: 'lfr-value',
  bigValue: 'lfr-value lfr-value--big',
  caption: 'text-secondary small',
  row: 'lfr-row',
  table: 'table table-autofit table-list',
  list: 'list-unstyled',
  listItem: 'list-group-item',
  footer: 'footer lfr-footer',
  button: 'btn btn-primary',
  muted: 'text-secondary',
  alert: 'alert alert-info',
  banner: 'lfr-cookie-banner',
};

const WEB_COMPONENTS: Record<Role, string> = {
  app: 'shell',
  header: 'top',
  nav: 'links',
  navItem: 'link',
  main: 'content',
  section: 'grid',
  card: 'tile',
  cardTitle: 'tile-title',
  label: 'lbl',
  value: 'val',
  bigValue: 'val val-big',
  caption: 'cap',
  row: 'pair',
  table: 'tbl',
  list: 'items',
  listItem: 'item',
  footer: 'bottom',
  button: 'action',
  muted: 'fine',
  alert: 'notice',
  banner: 'consent',
};

export const SHADOW_MODES = ['inside', 'slotted', 'nested'] as const;
export type ShadowMode = (typeof SHADOW_MODES)[number];

export class Shell {
  readonly name: ShellName;
  /** A class the stylesheet hides (display:none): hashed in React, plain elsewhere. */
  readonly hiddenClass: string;
  /** A class the stylesheet makes transparent (opacity:0). */
  readonly fadedClass: string;
  /** For web components: where the values sit relative to the shadow roots. */
  readonly shadowMode: ShadowMode | null;
  private readonly rng: Rng;
  private readonly classes = new Map<Role, string>();
  private readonly attrs: string;
  private readonly ngHost: string;
  private readonly prefix: string;

  constructor(name: ShellName, rng: Rng, carrierPrefix: string) {
    this.name = name;
    this.rng = rng;
    this.prefix = carrierPrefix;
    this.shadowMode = name === 'webcomponents' ? rng.pick(SHADOW_MODES) : null;
    const ng = `ng-c${rng.int(1_000_000, 3_999_999_999)}`;
    this.ngHost = ng;
    if (name === 'angular') this.attrs = ` _ngcontent-${ng}=""`;
    else if (name === 'vue') this.attrs = ` data-v-${rng.token(8, '0123456789abcdef')}=""`;
    else this.attrs = '';
    switch (name) {
      case 'react':
        this.hiddenClass = `css-${rng.token(6)}`;
        this.fadedClass = `css-${rng.token(6)}`;
        break;
      case 'tailwind':
        this.hiddenClass = 'hidden';
        this.fadedClass = 'opacity-0';
        break;
      case 'bootstrap':
      case 'liferay':
        this.hiddenClass = 'd-none';
        this.fadedClass = 'invisible-fade';
        break;
      case 'vue':
        this.hiddenClass = 'v-hidden';
        this.fadedClass = 'v-fade-leave-to';
        break;
      case 'angular':
        this.hiddenClass = 'cdk-visually-gone';
        this.fadedClass = 'ng-animating-out';
        break;
      case 'aspnet':
        this.hiddenClass = 'oculto';
        this.fadedClass = 'transparente';
        break;
      default:
        this.hiddenClass = 'is-hidden';
        this.fadedClass = 'is-faded';
    }
  }

  cls(role: Role): string {
    const cached = this.classes.get(role);
    if (cached !== undefined) return cached;
    let value: string;
    switch (this.name) {
      case 'react':
        value = this.rng.chance(0.5)
          ? `css-${this.rng.token(6)}`
          : `sc-${this.rng.token(5, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')} ${this.rng.token(6, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`;
        break;
      case 'tailwind':
        value = TAILWIND[role];
        break;
      case 'bootstrap':
        value = BOOTSTRAP[role];
        break;
      case 'vue':
        value = VUE[role];
        break;
      case 'angular':
        value = ANGULAR[role];
        break;
      case 'aspnet':
        value = ASPNET[role];
        break;
      case 'liferay':
        value = LIFERAY[role];
        break;
      case 'webcomponents':
        value = WEB_COMPONENTS[role];
        break;
      case 'semantic':
        value = '';
        break;
    }
    this.classes.set(role, value);
    return value;
  }

  /** `<tag class="…" framework-attrs extra>inner</tag>`. */
  el(tag: string, role: Role | null, inner: string, extra = ''): string {
    const cls = role ? this.cls(role) : '';
    const classAttr = cls ? ` class="${cls}"` : '';
    const extraAttr = extra ? ` ${extra}` : '';
    return `<${tag}${classAttr}${this.attrs}${extraAttr}>${inner}</${tag}>`;
  }

  /**
   * A framework component around `inner`: an Angular custom element, a web component with
   * a declarative shadow root, or a plain wrapper.
   */
  component(name: string, inner: string): string {
    switch (this.name) {
      case 'angular': {
        const tag = `${this.prefix}-${name}`;
        return `<${tag} _nghost-${this.ngHost}=""${this.attrs}>${inner}</${tag}>`;
      }
      case 'webcomponents':
        return this.shadowComponent(`${this.prefix}-${name}`, inner);
      case 'react':
        return `<div class="${this.cls('section')}" data-testid="${name}">${inner}</div>`;
      case 'vue':
        return `<div class="${name}"${this.attrs}>${inner}</div>`;
      case 'liferay':
        return `<div class="lfr-layout-structure-item-${name} lfr-layout-structure-item-container">${inner}</div>`;
      default:
        return inner;
    }
  }

  private shadowComponent(tag: string, inner: string): string {
    const style =
      '<style>:host{display:block;margin:8px 0}.tile{border:1px solid #ddd;border-radius:12px;padding:12px}.val-big{font-size:28px;font-weight:700}.cap{font-size:11px;text-transform:uppercase;color:#666}</style>';
    const mode = this.shadowMode ?? 'inside';
    if (mode === 'slotted') {
      return `<${tag}><template shadowrootmode="open">${style}<div part="frame" class="tile"><slot></slot></div></template>${inner}</${tag}>`;
    }
    if (mode === 'nested') {
      const innerTag = `${tag}-body`;
      return `<${tag}><template shadowrootmode="open">${style}<div part="frame"><${innerTag}><template shadowrootmode="open">${style}${inner}</template></${innerTag}></div></template></${tag}>`;
    }
    return `<${tag}><template shadowrootmode="open">${style}${inner}</template></${tag}>`;
  }

  /** The whole document. */
  document(parts: DocParts): string {
    const css = [this.baseCss(), ...parts.css].join('\n');
    const head = `<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(parts.title)}</title><style>${css}</style>`;
    const content = `${parts.header}${parts.nav}${parts.main}${parts.aside}${parts.footer}`;
    let body: string;
    switch (this.name) {
      case 'react':
        body = `<div id="root"><div class="${this.cls('app')}">${content}</div></div>${parts.lightBlocks}${parts.overlays}${parts.scripts}<script>/* main.${this.rng.token(8, '0123456789abcdef')}.js */</script>`;
        break;
      case 'angular':
        body = `<${this.prefix}-root _nghost-${this.ngHost}="" ng-version="17.3.${this.rng.int(0, 12)}"><div class="${this.cls('app')}"${this.attrs}>${content}</div><router-outlet${this.attrs}></router-outlet></${this.prefix}-root>${parts.lightBlocks}${parts.overlays}${parts.scripts}`;
        break;
      case 'vue':
        body = `<div id="app" data-v-app=""><div class="${this.cls('app')}"${this.attrs}>${content}</div></div>${parts.lightBlocks}${parts.overlays}${parts.scripts}`;
        break;
      case 'aspnet':
        body = `<form name="aspnetForm" method="post" action="./inicio_tarjeta.aspx" id="aspnetForm"><div><input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value=""><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUK${this.rng.token(120, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}"></div><table id="ctl00_tblPrincipal" class="${this.cls('app')}" width="100%"><tr><td>${parts.header}</td></tr><tr><td>${parts.nav}</td></tr><tr><td>${parts.main}${parts.aside}</td></tr><tr><td>${parts.footer}</td></tr></table>${parts.lightBlocks}</form>${parts.overlays}${parts.scripts}`;
        break;
      case 'liferay': {
        const instance = this.rng.token(4, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
        const portlet = `MiConsumoPortlet_INSTANCE_${instance}`;
        body = `<div id="wrapper">${parts.header}${parts.nav}<section id="content"><div class="portlet-layout row"><div class="portlet-column col-md-12" id="column-1"><div class="portlet-dropzone portlet-column-content" id="layout-column_column-1"><div class="portlet-boundary portlet-boundary_${portlet}_ portlet-static" id="p_p_id_${portlet}_"><span id="p_${portlet}"></span><section class="portlet" id="portlet_${portlet}"><div class="portlet-content"><div class="portlet-content-container"><div class="portlet-body">${parts.main}</div></div></div></section></div></div></div></div>${parts.aside}</section>${parts.footer}</div>${parts.lightBlocks}${parts.overlays}${parts.scripts}`;
        break;
      }
      case 'webcomponents':
        body = `<${this.prefix}-app>${content}</${this.prefix}-app>${parts.lightBlocks}${parts.overlays}${parts.scripts}`;
        break;
      default:
        body = `<div class="${this.cls('app')}">${content}</div>${parts.lightBlocks}${parts.overlays}${parts.scripts}`;
    }
    return `<!doctype html><html lang="es-AR"><head>${head}</head><body>${body}</body></html>`;
  }

  private baseCss(): string {
    return [
      'body{margin:0;font-family:Roboto,Arial,sans-serif;font-size:14px}',
      '.card,.recuadro,.tile,.mat-mdc-card,.v-card{border:1px solid #ddd;border-radius:8px;padding:16px;margin:12px 0}',
      `.${this.hiddenClass}{display:none!important}`,
      `.${this.fadedClass}{opacity:0}`,
      '.tab-pane{display:none}.tab-pane.active{display:block}',
      'table{border-collapse:collapse}th,td{padding:4px 12px 4px 0;text-align:left}',
      '.cookie,.chat{position:fixed;bottom:0;right:0;background:#fff;border:1px solid #ccc;padding:8px}',
    ].join('\n');
  }
}
