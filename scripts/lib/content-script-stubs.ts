/**
 * Build-time stand-ins for modules WXT's createShadowRootUi bundles, reduced to what the
 * overlay uses (see wxt.config.ts). Each fails loudly if the overlay ever asks for more.
 */
const notBundled = (): never => {
  throw new Error('not bundled in the content script: see scripts/lib/content-script-stubs.ts');
};
/** is-potential-custom-element-name: the overlay's tag is fixed and valid. */
export default function isPotentialCustomElementName(name: string): boolean {
  return /^[a-z][a-z0-9._]*-[a-z0-9._-]*$/.test(name);
}

/**
 * wxt/utils/content-script-ui/shared, for the one way the overlay mounts: `position:
 * 'inline'`, appended last to a CSS-selector anchor, by hand (`ui.mount()`). WXT's
 * version also positions overlay / modal UIs, resolves XPath and function anchors, and
 * auto-mounts; any of those options now throws instead.
 */
interface MountOptions {
  position?: string;
  anchor?: unknown;
  append?: unknown;
}

export function applyPosition(_root: Element, _positioned: Element, options: MountOptions): void {
  if (options.position !== 'inline') notBundled();
}

export function mountUi(root: Element, options: MountOptions): void {
  const { anchor, append } = options;
  if (typeof anchor !== 'string' || anchor.startsWith('/') || (append ?? 'last') !== 'last') {
    notBundled();
  }
  const element = document.querySelector(anchor as string);
  if (!element) throw new Error('Failed to mount content script UI: could not find anchor element');
  element.append(root);
}

export function createMountFunctions(base: { mount(): void; remove(): void }) {
  return { mount: () => base.mount(), remove: base.remove, autoMount: notBundled };
}

/**
 * wxt/utils/split-shadow-root-css: at-rules that only work in the document (`@property`,
 * `@font-face`) go to a document stylesheet. The overlay's CSS has none.
 */
export function splitShadowRootCss(css: string) {
  if (/@(property|font-face)/.test(css)) notBundled();
  return { shadowCss: css, documentCss: '' };
}
