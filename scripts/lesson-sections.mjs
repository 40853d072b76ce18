// Wraps each h2 of a lesson's Markdown and what follows it (up to the next h2) in <div class="lesson-section">,
// so the browser can skip laying out and painting sections far from the screen (`content-visibility:
// auto` in src/styles/lesson.css). A long lesson is mostly text below the fold, and its style and layout
// were the biggest part of a phone's main-thread work on load (issue 17).
//
// A skipped section takes the height given by `contain-intrinsic-block-size` until it is first drawn;
// the browser then remembers its real height (the `auto` keyword). This plugin writes an estimate, for a
// phone and for a wide column, as custom properties, so the page's height and the scrollbar are about
// right before the sections are drawn. A div, not a <section>: a named section would be one more
// landmark per heading for screen readers; the h2 already gives the outline.

/** Rough sizes of the lesson column: 17 px text, line-height 1.6, code 15 px (code lines scroll, never wrap). */
const LAYOUT = {
  narrow: { charsPerLine: 38 },
  wide: { charsPerLine: 80 },
};
const TEXT_LINE = 27;
const CODE_LINE = 24;
const BLOCK_GAP = 17;
const DIAGRAM = 360;

/** @param {any} node */
function textOf(node) {
  if (node.type === 'text') return node.value;
  return (node.children ?? []).map(textOf).join('');
}

/**
 * Estimated height (px) of one top-level block of the body.
 * @param {any} node
 * @param {{ charsPerLine: number }} layout
 * @returns {number}
 */
function estimate(node, layout) {
  if (node.type !== 'element') return 0;
  const tag = node.tagName;
  if (tag === 'pre') {
    const code = node.children?.find((/** @type {any} */ c) => c.type === 'element' && c.tagName === 'code');
    const classes = code?.properties?.className ?? [];
    // A mermaid source becomes a drawn diagram plus a closed "as text" disclosure.
    if (Array.isArray(classes) && classes.includes('language-mermaid')) return DIAGRAM + BLOCK_GAP;
    const lines = textOf(node).replace(/\n$/, '').split('\n').length;
    return lines * CODE_LINE + 32 + BLOCK_GAP;
  }
  if (tag === 'ul' || tag === 'ol') {
    const items = (node.children ?? []).filter((/** @type {any} */ c) => c.type === 'element' && c.tagName === 'li');
    return items.reduce((sum, li) => sum + lines(textOf(li), layout.charsPerLine - 3) * TEXT_LINE + 4, 0) + BLOCK_GAP;
  }
  if (tag === 'table') {
    const rows = textOf(node).split('\n').filter((l) => l.trim()).length;
    return Math.max(2, rows) * (TEXT_LINE + 14) + BLOCK_GAP;
  }
  if (/^h[1-6]$/.test(tag)) return lines(textOf(node), layout.charsPerLine * 0.8) * 36 + 40;
  return lines(textOf(node), layout.charsPerLine) * TEXT_LINE + BLOCK_GAP;
}

/** @param {string} text @param {number} perLine */
const lines = (text, perLine) => Math.max(1, Math.ceil(text.trim().length / perLine));

/** @param {any} node */
const isH2 = (node) => node.type === 'element' && node.tagName === 'h2';

/**
 * The body's top-level nodes with each h2 and what follows it wrapped in a sized section; nodes before
 * the first h2 stay as they are. Headings inside components are left alone.
 * @param {readonly any[]} children
 * @returns {any[]}
 */
export function wrapSections(children) {
  /** @type {any[]} */
  const out = [];
  /** @type {any} */
  let section;
  for (const node of children) {
    if (isH2(node)) {
      section = { type: 'element', tagName: 'div', properties: { className: ['lesson-section'] }, children: [] };
      out.push(section);
    }
    if (section) section.children.push(node);
    else out.push(node);
  }
  for (const node of out) {
    if (!node.properties?.className?.includes?.('lesson-section')) continue;
    const px = (/** @type {{ charsPerLine: number }} */ layout) => Math.round(node.children.reduce((/** @type {number} */ s, /** @type {any} */ c) => s + estimate(c, layout), 0));
    node.properties.style = `--section-narrow:${px(LAYOUT.narrow)}px;--section-wide:${px(LAYOUT.wide)}px`;
  }
  return out;
}

/**
 * The hast plugin for Astro's Markdown processor (Sätteri: `markdown.processor: satteri({ hastPlugins })`;
 * unified rehype plugins need a package Astro no longer installs). It runs after code highlighting and
 * before heading ids, which find the headings inside the sections as before.
 */
export const lessonSections = {
  name: 'lesson-sections',
  /** @param {any} root @param {any} ctx */
  after(root, ctx) {
    if (!root.children.some(isH2)) return;
    ctx.replaceNode(root, { type: 'root', children: wrapSections(root.children) });
  },
};
