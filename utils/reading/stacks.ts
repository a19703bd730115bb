/**
 * Two flex columns side by side, labels stacked in the first and values in the second (a
 * receipt or a summary drawn as two stacks rather than a table): each row's label and
 * value are the items at the same index. Both stacks must hold as many items, at most 40.
 */
import type { PageText, TextLine } from './visible-text';

const MAX_ROWS = 40;

/** The item beside `item` in the neighbouring stack (`after`: the stack to its right). */
export function stackPartner(page: PageText, item: Element, after: boolean): Element | null {
  const stack = item.parentElement;
  if (!stack || !page.stacks.has(stack)) return null;
  const other = after ? stack.nextElementSibling : stack.previousElementSibling;
  if (!other || !page.stacks.has(other)) return null;
  const count = stack.childElementCount;
  if (count !== other.childElementCount || count > MAX_ROWS) return null;
  const row = Array.prototype.indexOf.call(stack.children, item) as number;
  return row < 0 ? null : (other.children[row] ?? null);
}

/** The line an element starts, looked for within a few rows of `near` (stacks are short). */
export function lineOfBlock(page: PageText, block: Element, near: TextLine): TextLine | null {
  const span = MAX_ROWS * 3;
  for (
    let i = Math.max(0, near.index - span);
    i < page.lines.length && i <= near.index + span;
    i += 1
  ) {
    if (page.lines[i]?.block === block) return page.lines[i] ?? null;
  }
  return null;
}
