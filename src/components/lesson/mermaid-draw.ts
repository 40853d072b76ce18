import { effectiveTheme } from '../site/theme';

// The drawing half of the diagrams: loaded with mermaid when the first diagram is about to be
// seen, so a lesson page carries only the small observer in mermaid.ts before that.

type MermaidApi = typeof import('mermaid').default;

const PALETTES = {
  light: {
    darkMode: false,
    background: '#f5f6f8',
    fontFamily: 'system-ui, sans-serif',
    primaryColor: '#fff1ea',
    primaryTextColor: '#1b1f27',
    primaryBorderColor: '#b93d0b',
    secondaryColor: '#eef1f5',
    tertiaryColor: '#ffffff',
    lineColor: '#525a68',
    textColor: '#1b1f27',
    edgeLabelBackground: '#ffffff',
    noteBkgColor: '#fff6dd',
    noteTextColor: '#1b1f27',
    noteBorderColor: '#8a6d1f',
  },
  dark: {
    darkMode: true,
    background: '#171b22',
    fontFamily: 'system-ui, sans-serif',
    primaryColor: '#2b1c15',
    primaryTextColor: '#e7e9ee',
    primaryBorderColor: '#ff9466',
    secondaryColor: '#232a35',
    tertiaryColor: '#1c2129',
    lineColor: '#a7afbd',
    textColor: '#e7e9ee',
    edgeLabelBackground: '#1c2129',
    noteBkgColor: '#2a2413',
    noteTextColor: '#e7e9ee',
    noteBorderColor: '#c9a53a',
  },
} as const;

let mermaidLoad: Promise<MermaidApi> | undefined;
let renderedTheme: 'light' | 'dark' | undefined;
let counter = 0;

// Mermaid is ~1 MB: load it only when the first diagram is about to be seen.
function loadMermaid(): Promise<MermaidApi> {
  mermaidLoad ??= import('mermaid').then((m) => m.default);
  return mermaidLoad;
}

// Diagrams are drawn one at a time: mermaid's configuration is global, and a theme switch
// between two renders must not leave one diagram half in the old theme.
let queue: Promise<void> = Promise.resolve();
export function draw(canvas: HTMLElement): Promise<void> {
  queue = queue.then(() => drawNow(canvas));
  return queue;
}

async function drawNow(canvas: HTMLElement) {
  const source = canvas.dataset.source ?? '';
  const mermaid = await loadMermaid();
  const theme = effectiveTheme();
  if (renderedTheme !== theme) {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      // 'base' takes the site's own palette, so diagram text meets the same contrast as the page.
      theme: 'base',
      themeVariables: PALETTES[theme],
      layout: 'dagre',
      fontFamily: 'system-ui, sans-serif',
    });
    renderedTheme = theme;
  }
  try {
    const { svg } = await mermaid.render(`diagram-${++counter}`, source);
    canvas.innerHTML = svg;
    const drawn = canvas.querySelector('svg');
    drawn?.setAttribute('role', 'img');
    if (drawn && !drawn.getAttribute('aria-label')) drawn.setAttribute('aria-label', canvas.dataset.label ?? 'Diagram');
    canvas.dataset.state = 'rendered';
    canvas.dataset.theme = theme;
  } catch (error) {
    canvas.dataset.state = 'error';
    canvas.innerHTML = '';
    const message = document.createElement('p');
    message.className = 'diagram__error';
    message.textContent = `This diagram could not be drawn (${error instanceof Error ? error.message.split('\n')[0] : 'unknown error'}). Its text is below.`;
    canvas.append(message);
    canvas.closest('.diagram')?.querySelector('details')?.setAttribute('open', '');
  }
}
