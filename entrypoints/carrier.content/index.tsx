import { defineContentScript } from 'wxt/utils/define-content-script';
import { carrierMatchPatterns } from '../../utils/carriers';

export default defineContentScript({
  matches: carrierMatchPatterns(),
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main() {
    // Wired up below.
  },
});
