import { effectiveTheme, onThemeChange } from '../site/theme';

// The drawing code (palettes, mermaid's set-up, error display) loads with the first diagram.
let drawing: Promise<typeof import('./mermaid-draw')> | undefined;
function draw(canvas: HTMLElement): Promise<void> {
  drawing ??= import('./mermaid-draw');
  return drawing.then((m) => m.draw(canvas));
}

/** A short accessible name: the first line of the source says what kind of diagram it is. */
function labelFor(source: string, index: number): string {
  const kind = source.trim().split(/\s/)[0] ?? 'diagram';
  const names: Record<string, string> = { flowchart: 'Flowchart', graph: 'Flowchart', sequenceDiagram: 'Sequence diagram', 'stateDiagram-v2': 'State diagram' };
  return `${names[kind] ?? 'Diagram'} ${index + 1}; its text version follows`;
}

export function enhanceDiagrams(root: Element | null) {
  if (!root) return;
  const blocks = [...root.querySelectorAll<HTMLElement>('pre > code.language-mermaid')];
  const canvases = blocks.map((code, i) => {
    const source = code.textContent ?? '';
    const figure = document.createElement('figure');
    figure.className = 'diagram';
    const canvas = document.createElement('div');
    canvas.className = 'diagram__canvas';
    canvas.dataset.source = source;
    canvas.dataset.state = 'pending';
    canvas.dataset.label = labelFor(source, i);
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = 'Diagram as text';
    const pre = document.createElement('pre');
    pre.textContent = source;
    details.append(summary, pre);
    figure.append(canvas, details);
    code.parentElement!.replaceWith(figure);
    return canvas;
  });
  if (canvases.length === 0) return;

  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        void draw(entry.target as HTMLElement);
      }
    },
    { rootMargin: '400px 0px' },
  );
  canvases.forEach((c) => observer.observe(c));

  // Re-draw what is already on screen when the theme changes (toggle or system setting).
  const redraw = () => {
    const theme = effectiveTheme();
    for (const c of canvases) if (c.dataset.state === 'rendered' && c.dataset.theme !== theme) void draw(c);
  };
  onThemeChange(redraw);
}
