import { defineWebExtConfig } from 'wxt';

// `wxt dev` would try to open a browser; on a machine without a display that fails.
export default defineWebExtConfig({
  disabled: !process.env.DISPLAY,
  binaries: { chrome: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  chromiumArgs: ['--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
