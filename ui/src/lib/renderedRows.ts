// Windowed rendering of a long list of fixed-height rows: only the rows in view (and a
// few either side, so that fast scrolling shows no gaps) are in the document.

/** The rows of a long list that are in the document, and where they sit. */
export type RenderedRows = {
  /** Index of the first row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
  /** Where the first rendered row sits, in pixels from the top of the list. */
  offset: number;
  /** Height of the whole list, so the scroll bar is true to it. */
  total: number;
};

/** The rows to render for a scroll position: those in view and `overscan` either side. */
export function rowsToRender(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 4,
): RenderedRows {
  const total = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, total };
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, total - viewportHeight)));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(viewportHeight, 0)) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, last + overscan);
  return { start, end, offset: start * rowHeight, total };
}

/** The scroll position that brings row `index` fully into view, moving as little as needed. */
export function scrollToReveal(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return scrollTop;
}
