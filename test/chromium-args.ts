/**
 * How the tests and benchmarks start Debian's Chromium (no downloadable browsers here): headless on a
 * shared machine with no network beyond loopback.
 *
 * The last switch matters for every measurement: this Chromium preloads its own address-bar popup
 * (a WebUI page of its toolbar) for each new window, which is 0.9-1.4 s of CPU in a renderer of its
 * own each time a test opens a browser context. A learner's browser has done that long before they
 * open our page; on a two-core machine it was taking a third of the CPU while a shared run replayed.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
];
