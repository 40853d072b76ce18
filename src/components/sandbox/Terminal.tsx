import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { Terminal as XTerm } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { onThemeChange } from '../site/theme';

export interface TerminalHandle {
  write(text: string): void;
  clear(): void;
}

/** The page's colours as xterm needs them: resolved rgb() values, not light-dark() expressions. */
function themeFromPage() {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  document.body.append(probe);
  const resolve = (name: string) => {
    probe.style.color = `var(${name})`;
    return getComputedStyle(probe).color;
  };
  const theme = {
    background: resolve('--code-bg'),
    foreground: resolve('--text'),
    cursor: resolve('--accent'),
    selectionBackground: resolve('--accent-bg'),
    red: resolve('--bad'),
    brightRed: resolve('--bad'),
    green: resolve('--ok'),
    brightGreen: resolve('--ok'),
    brightBlack: resolve('--text-muted'),
  };
  probe.remove();
  return theme;
}

/** Read-only xterm.js output of runs and demos, in the page's theme, sized to its panel. */
const Terminal = forwardRef<TerminalHandle, { label: string }>(function Terminal({ label }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<XTerm | null>(null);

  useEffect(() => {
    const xterm = new XTerm({
      convertEol: true,
      disableStdin: true,
      cursorBlink: false,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: themeFromPage(),
      screenReaderMode: true,
    });
    const fit = new FitAddon();
    xterm.loadAddon(fit);
    xterm.open(host.current!);
    xterm.textarea?.setAttribute('aria-label', label);
    term.current = xterm;
    const refit = () => {
      try {
        fit.fit();
      } catch {
        // Not laid out yet (hidden panel): the next resize fits it.
      }
    };
    refit();
    const resize = new ResizeObserver(refit);
    resize.observe(host.current!);
    const stopWatching = onThemeChange(() => (xterm.options.theme = themeFromPage()));
    return () => {
      resize.disconnect();
      stopWatching();
      xterm.dispose();
      term.current = null;
    };
  }, [label]);

  useImperativeHandle(ref, () => ({
    write: (text) => term.current?.write(text),
    clear: () => term.current?.clear(),
  }));

  return <div className="terminal" ref={host} data-testid="terminal" />;
});

export default Terminal;
