import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { cellKey, type Matrix, type MatrixCell } from '../api/matrix';
import { nodePath, useUi, type Ui } from '../i18n/use-ui';
import { cellMarks } from './cell-marks';
import { escapeMarkup } from './escape-markup';
import { heatColour, textColour } from './heat-colour';

export interface HeatmapProps {
  matrix: Matrix;
  format: (value: number) => string;
  caption: string;
  /** The open cell's key (`cellKey`), if any. */
  selected?: string;
  /** A node id: its row or column is marked, and scrolled to with the open cell when the grid is drawn. */
  focus?: string;
  onSelect: (key: string) => void;
}

/**
 * The grid as an ARIA grid: one cell in the tab order, arrow keys (and Home,
 * End, Page Up/Down) move between cells, Enter or Space opens a cell.
 *
 * Drawn for speed, because the matrix page must paint in under a second: a
 * 19 × 169 grid is 3,211 cells. The body is one HTML string, parsed by the
 * browser in a single pass (rendering it cell by cell as components took most
 * of the time to first paint), and made again only when the matrix, the
 * measure or a language changes. The table holds the only listeners, and the
 * two things that change on a click or a key, the selected cell and the one
 * in the tab order, are set on those few cells directly.
 */
export function Heatmap({ matrix, format, caption, selected, focus, onSelect }: HeatmapProps) {
  const ui = useUi();
  const table = useRef<HTMLTableElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const [active, setActive] = useState<[number, number]>(() => position(matrix, selected) ?? [0, 0]);
  const dense = matrix.columns.length > 20;
  const marks = useRef<() => void>(() => undefined);
  marks.current = () => markCells(table.current, matrix, active, selected, focus);
  const reveal = useRef<() => void>(() => undefined);
  reveal.current = () => revealCells(table.current, matrix, selected, focus);

  // The body, outside Preact's tree (the <tbody> has no children for it to diff): what fills the first
  // screen now, before the first paint, and the rest of the grid just after that paint.
  useLayoutEffect(() => {
    const tbody = body.current;
    if (!tbody) return;
    const rows = matrix.rows.length;
    const columns = matrix.columns.length;
    const markup = rowMarkup(matrix, format, ui);
    const firstRows = Math.min(rows, FIRST_ROWS);
    const firstColumns = Math.min(columns, FIRST_COLUMNS);
    tbody.innerHTML = range(0, firstRows)
      .map((r) => markup(r, 0, firstColumns, true))
      .join('');
    marks.current();
    if (firstRows === rows && firstColumns === columns) {
      reveal.current();
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs just before the paint; a task queued from it runs just after.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        if (firstColumns < columns) tbody.querySelectorAll('tr').forEach((tr, r) => tr.insertAdjacentHTML('beforeend', markup(r, firstColumns, columns, false)));
        tbody.insertAdjacentHTML('beforeend', range(firstRows, rows).map((r) => markup(r, 0, columns, true)).join(''));
        marks.current();
        reveal.current();
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [matrix, format, ui.ui, ui.lang]);

  useLayoutEffect(() => marks.current(), [active, selected, focus]);

  const move = (event: KeyboardEvent, r: number, c: number) => {
    const rows = matrix.rows.length;
    const columns = matrix.columns.length;
    const next: Record<string, [number, number]> = {
      ArrowRight: [r, Math.min(c + 1, columns - 1)],
      ArrowLeft: [r, Math.max(c - 1, 0)],
      ArrowDown: [Math.min(r + 1, rows - 1), c],
      ArrowUp: [Math.max(r - 1, 0), c],
      Home: [r, 0],
      End: [r, columns - 1],
      PageDown: [Math.min(r + 10, rows - 1), c],
      PageUp: [Math.max(r - 10, 0), c],
    };
    const target = next[event.key];
    if (!target) return;
    event.preventDefault();
    setActive(target);
    cellAt(table.current, target)?.focus();
  };

  return (
    <div class="heatmap-scroll">
      <table
        class={`heatmap${dense ? ' dense' : ''}`}
        role="grid"
        ref={table}
        aria-label={caption}
        onClick={(event) => {
          const key = cellOf(event)?.dataset.cell;
          if (key) onSelect(key);
        }}
        onKeyDown={(event) => {
          const target = cellOf(event);
          if (!target) return;
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onSelect(target.dataset.cell!);
            return;
          }
          move(event, Number(target.dataset.r), Number(target.dataset.c));
        }}
        onFocusIn={(event) => {
          const target = cellOf(event);
          if (target) setActive([Number(target.dataset.r), Number(target.dataset.c)]);
        }}
      >
        <thead>
          <tr>
            <td class="corner" />
            {matrix.columns.map((column, c) => (
              <th key={column.id} scope="col" title={`${column.code} ${column.name}`} data-c={c}>
                <span class="col-code">{column.code}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body} />
      </table>
    </div>
  );
}

/** Row and column index of a cell key in the matrix, if both exist. */
function position(matrix: Matrix, key: string | undefined): [number, number] | undefined {
  const [rowId, columnId] = (key ?? '').split('|');
  const r = matrix.rows.findIndex((row) => row.id === rowId);
  const c = matrix.columns.findIndex((column) => column.id === columnId);
  return r >= 0 && c >= 0 ? [r, c] : undefined;
}

/** The header and cells of the focus node's row or column (none when neither axis has it). */
function focusLine(grid: HTMLElement, matrix: Matrix, focus: string | undefined): Element[] {
  if (!focus) return [];
  const r = matrix.rows.findIndex((row) => row.id === focus);
  if (r >= 0) return [...grid.querySelectorAll(`tbody tr:nth-child(${r + 1}) > *`)];
  const c = matrix.columns.findIndex((column) => column.id === focus);
  return c >= 0 ? [...grid.querySelectorAll(`[data-c="${c}"]`)] : [];
}

/** Scrolls the grid to the open cell, or else to the focus node's header, once the grid is drawn. */
function revealCells(grid: HTMLElement | null, matrix: Matrix, selected: string | undefined, focus: string | undefined): void {
  if (!grid) return;
  const open = selected ? position(matrix, selected) : undefined;
  const target = (open && cellAt(grid, open)) || focusLine(grid, matrix, focus)[0];
  target?.scrollIntoView({ block: 'nearest', inline: 'center' });
}

function cellAt(grid: HTMLElement | null, [r, c]: [number, number]): HTMLElement | null {
  return grid?.querySelector<HTMLElement>(`td[data-r="${r}"][data-c="${c}"]`) ?? null;
}

/** The grid cell an event happened in, if any. */
function cellOf(event: Event): HTMLElement | undefined {
  return ((event.target as HTMLElement).closest?.('[data-cell]') as HTMLElement | null) ?? undefined;
}

/** How much of the grid is drawn before the first paint: more than a 1920-pixel-wide screen shows. */
const FIRST_ROWS = 30;
const FIRST_COLUMNS = 60;

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, index) => from + index);

/**
 * Puts the one tab stop on the active cell, marks the selected one and the
 * focus node's row or column (header and cells), wherever they were before.
 */
function markCells(grid: HTMLElement | null, matrix: Matrix, active: [number, number], selected: string | undefined, focus: string | undefined): void {
  if (!grid) return;
  for (const cell of grid.querySelectorAll<HTMLElement>('td[tabindex="0"], td[aria-selected]')) {
    cell.tabIndex = -1;
    cell.removeAttribute('aria-selected');
    cell.classList.remove('selected');
  }
  for (const cell of grid.querySelectorAll('.focus')) cell.classList.remove('focus');
  for (const cell of focusLine(grid, matrix, focus)) cell.classList.add('focus');
  const current = cellAt(grid, active);
  if (current) current.tabIndex = 0;
  const open = selected ? position(matrix, selected) : undefined;
  const chosen = open && cellAt(grid, open);
  if (chosen) {
    chosen.setAttribute('aria-selected', 'true');
    chosen.classList.add('selected');
  }
}

/**
 * Markup of row `r`'s cells from column `from` to `to` (excluded), with the
 * row itself (`<tr>` and its header, which links to the row's node page; the
 * router follows any same-origin link) when `whole`. Each cell has its value,
 * colour, marks and accessible name; every text is escaped.
 */
function rowMarkup(matrix: Matrix, format: (value: number) => string, { t, href }: Ui) {
  const cells = new Map(matrix.cells.map((cell) => [cellKey(cell.row.id, cell.column.id), cell]));
  const max = Math.max(0, ...matrix.cells.map((cell) => cell.value)) || 1;
  // Few distinct values: one colour computation each.
  const styles = new Map<number, string>();
  const styleOf = (value: number) => {
    let style = styles.get(value);
    if (!style) styles.set(value, (style = `background:${heatColour(value / max)};color:${textColour(value / max)}`));
    return style;
  };
  return (r: number, from: number, to: number, whole: boolean): string => {
    const row = matrix.rows[r]!;
    const out: string[] = [];
    if (whole) {
      const name = row.name && row.name !== row.code ? `<span class="name"> ${escapeMarkup(row.name)}</span>` : '';
      out.push(
        `<tr><th scope="row" class="row-label"><a class="node-link" href="${escapeMarkup(href(nodePath(row.id)))}"><span class="code">${escapeMarkup(row.code)}</span>${name}</a></th>`,
      );
    }
    for (let c = from; c < to; c++) {
      const column = matrix.columns[c]!;
      const key = cellKey(row.id, column.id);
      const cell = cells.get(key);
      const label = escapeMarkup(cellLabel(t, row.code, column.code, cell, format));
      const at = `role="gridcell" data-r="${r}" data-c="${c}" data-cell="${escapeMarkup(key)}" tabindex="-1" aria-label="${label}"`;
      if (!cell) out.push(`<td ${at} class="cell empty"></td>`);
      else out.push(`<td ${at} class="${cellClass(cell)}" style="${styleOf(cell.value)}">${escapeMarkup(format(cell.value))}</td>`);
    }
    if (whole) out.push('</tr>');
    return out.join('');
  };
}

function cellClass(cell: MatrixCell): string {
  const marks = cellMarks(cell);
  return `cell${marks.disputed ? ' disputed' : ''}${marks.flagged ? ' flagged' : ''}${marks.derived ? ' derived' : ''}`;
}

function cellLabel(t: Ui['t'], row: string, column: string, cell: MatrixCell | undefined, format: (value: number) => string): string {
  if (!cell) return t('matrix.cellEmpty', { row, column });
  const marks = cellMarks(cell);
  const named = [marks.disputed ? t('matrix.markDisputed') : '', marks.derived ? t('matrix.markDerived') : ''].filter(Boolean);
  return t('matrix.cellLabel', { row, column, value: format(cell.value) }) + (named.length ? `, ${named.join(', ')}` : '');
}
