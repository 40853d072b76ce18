/**
 * Wide tables scroll sideways on a phone (global.css gives them `overflow-x: auto`). A scrolling
 * region must be reachable from the keyboard, so every table in a lesson gets `tabindex="0"`.
 */
export default function rehypeScrollableTables() {
  const visit = (node) => {
    if (node.type === 'element' && node.tagName === 'table') node.properties = { ...node.properties, tabIndex: 0 };
    for (const child of node.children ?? []) visit(child);
  };
  return (tree) => visit(tree);
}
