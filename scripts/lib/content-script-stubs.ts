/**
 * Build-time stand-ins for code WXT's createShadowRootUi bundles but the overlay never runs
 * (see wxt.config.ts). Each fails loudly if that ever changes.
 */
const notBundled = (): never => {
  throw new Error('not bundled in the content script: mount the overlay with ui.mount()');
};
/** @1natsu/wait-element: only autoMount waits for elements. */
export const waitElement = notBundled;
/** @1natsu/wait-element/detectors */
export const isExist = notBundled;
export const isNotExist = notBundled;
/** is-potential-custom-element-name: the overlay's tag is fixed and valid. */
export default function isPotentialCustomElementName(name: string): boolean {
  return /^[a-z][a-z0-9._]*-[a-z0-9._-]*$/.test(name);
}
