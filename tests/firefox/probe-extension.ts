/**
 * A throwaway copy of the Firefox build whose scripts are replaced by tiny probes that walk
 * the same path the real extension must: the content script sends the page's text to the
 * background, which stores it in IndexedDB and arms an alarm, then the content script adds
 * `<linekeeper-overlay>`; popup.html lists what is stored. The manifest (id, matches,
 * permissions) stays the real one.
 *
 * The smoke test runs against it first: when the probe passes and the real build fails, the
 * harness works and the feature is missing; when the probe fails, the harness is broken.
 * Written to a temporary folder, never into the repo.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CONTENT_SCRIPT = `(async () => {
  document.documentElement.dataset.linekeeperProbe = 'injected';
  await browser.runtime.sendMessage({ type: 'probe:page', url: location.href, text: document.body.innerText });
  const overlay = document.createElement('linekeeper-overlay');
  overlay.textContent = 'probe';
  document.body.append(overlay);
})();
`;

const BACKGROUND = `function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('linekeeper-probe', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('lines', { autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
browser.runtime.onMessage.addListener(async (message) => {
  if (message?.type !== 'probe:page') return undefined;
  const db = await openDb();
  await new Promise((resolve, reject) => {
    const tx = db.transaction('lines', 'readwrite');
    tx.objectStore('lines').add({ url: message.url, text: message.text });
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  await browser.alarms.create('probe:reminder', { delayInMinutes: 60 });
  return true;
});
`;

const POPUP_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>LineKeeper probe</title></head>
<body><ul id="lines"></ul><script src="probe-popup.js"></script></body></html>
`;

const POPUP_SCRIPT = `const request = indexedDB.open('linekeeper-probe', 1);
request.onupgradeneeded = () => request.result.createObjectStore('lines', { autoIncrement: true });
request.onsuccess = () => {
  const all = request.result.transaction('lines').objectStore('lines').getAll();
  all.onsuccess = () => {
    for (const line of all.result) {
      const item = document.createElement('li');
      item.textContent = line.text;
      document.getElementById('lines').append(item);
    }
  };
};
`;

interface Manifest {
  background?: { scripts?: string[]; page?: string };
  browser_action?: { default_popup?: string };
  content_scripts?: { js?: string[] }[];
}

/** Writes the probe build next to a copy of `buildDir` and returns its folder. */
export function buildProbeExtension(buildDir: string): string {
  const manifestFile = path.join(buildDir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(`No built extension in ${buildDir}: run "npx wxt build -b firefox" first.`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'linekeeper-firefox-probe-'));
  cpSync(buildDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  if (!manifest.content_scripts?.length) {
    throw new Error(`${manifestFile} declares no content script`);
  }
  for (const script of manifest.content_scripts) script.js = ['probe-content.js'];
  manifest.background = { scripts: ['probe-background.js'] };
  manifest.browser_action = { ...manifest.browser_action, default_popup: 'popup.html' };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(path.join(dir, 'probe-content.js'), CONTENT_SCRIPT);
  writeFileSync(path.join(dir, 'probe-background.js'), BACKGROUND);
  writeFileSync(path.join(dir, 'popup.html'), POPUP_HTML);
  writeFileSync(path.join(dir, 'probe-popup.js'), POPUP_SCRIPT);
  return dir;
}
