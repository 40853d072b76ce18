import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { lessonSections, wrapSections } from '../../../scripts/lesson-sections.mjs';

const el = (tagName: string, children: unknown[] = [], properties: Record<string, unknown> = {}) => ({ type: 'element', tagName, properties, children });
const text = (value: string) => ({ type: 'text', value });
const sizes = (node: { properties: { style: string } }) => {
  const m = /--section-narrow:(\d+)px;--section-wide:(\d+)px/.exec(node.properties.style);
  if (!m) throw new Error(`no size estimate in ${node.properties.style}`);
  return { narrow: Number(m[1]), wide: Number(m[2]) };
};

describe('lesson sections (content-visibility boxes, scripts/lesson-sections.mjs)', () => {
  it('wraps each h2 with what follows it, keeps the intro and h3s where they are, and ids still reach the headings', async () => {
    const md = 'Intro paragraph.\n\n## The idea\n\nOne.\n\n### Detail\n\nTwo.\n\n## How it works\n\n- a\n- b\n';
    const { html } = await markdownToHtml(md, { hastPlugins: [lessonSections] });
    const shape = html.replace(/ style="[^"]*"/g, '').replace(/\n/g, '');
    expect(shape).toBe(
      '<p>Intro paragraph.</p>' +
        '<div class="lesson-section"><h2>The idea</h2><p>One.</p><h3>Detail</h3><p>Two.</p></div>' +
        '<div class="lesson-section"><h2>How it works</h2><ul><li>a</li><li>b</li></ul></div>',
    );
  });

  it('leaves a body without h2 headings alone', async () => {
    const md = 'Just text.\n\n### A small heading\n';
    const plain = await markdownToHtml(md);
    const withPlugin = await markdownToHtml(md, { hastPlugins: [lessonSections] });
    expect(withPlugin.html).toBe(plain.html);
  });

  it('estimates a taller box for more text, for code lines and for diagrams, and a shorter one on a wide column', () => {
    const short = wrapSections([el('h2', [text('A')]), el('p', [text('word '.repeat(20))])])[0];
    const long = wrapSections([el('h2', [text('A')]), el('p', [text('word '.repeat(400))])])[0];
    const code = wrapSections([el('h2', [text('A')]), el('pre', [el('code', [text('line\n'.repeat(30))])])])[0];
    const diagram = wrapSections([el('h2', [text('A')]), el('pre', [el('code', [text('flowchart LR\n a --> b\n')], { className: ['language-mermaid'] })])])[0];
    expect(sizes(long).narrow).toBeGreaterThan(sizes(short).narrow * 5);
    expect(sizes(long).wide).toBeLessThan(sizes(long).narrow);
    expect(sizes(code).narrow).toBeGreaterThan(30 * 20);
    expect(sizes(code).wide).toBe(sizes(code).narrow); // code lines scroll, they do not wrap
    expect(sizes(diagram).narrow).toBeGreaterThan(300);
  });
});
