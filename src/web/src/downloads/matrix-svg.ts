import { cellKey, type Matrix } from '../api/matrix';
import { cellMarks } from '../components/cell-marks';
import { escapeMarkup as escape } from '../components/escape-markup';
import { heatColour, LEGEND_STOPS, textColour } from '../components/heat-colour';

export interface SvgLabels {
  title: string;
  subtitle: string;
  low: string;
  high: string;
  disputed: string;
  derived: string;
}

/**
 * The grid as a standalone SVG for reports: title, row labels (code and
 * name), column codes, coloured cells with their values, disputed cells with
 * a red corner, derived ones hatched, and a legend. Same cells as the page.
 */
export function matrixSvg(matrix: Matrix, labels: SvgLabels, format: (value: number) => string): { svg: string; width: number; height: number } {
  const cell = 26;
  const rowLabel = 300;
  const top = 110;
  const columnLabel = 70;
  const width = rowLabel + matrix.columns.length * cell + 20;
  const gridTop = top + columnLabel;
  const height = gridTop + matrix.rows.length * cell + 70;
  const max = Math.max(0, ...matrix.cells.map((c) => c.value)) || 1;
  const cells = new Map(matrix.cells.map((c) => [cellKey(c.row.id, c.column.id), c]));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, 'Noto Sans', 'Noto Sans CJK SC', sans-serif" font-size="11">`,
    `<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-opacity="0.55" stroke-width="2"/></pattern></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="28" font-size="18" font-weight="600">${escape(labels.title)}</text>`,
    `<text x="10" y="50" fill="#444">${escape(labels.subtitle)}</text>`,
  );
  matrix.columns.forEach((column, index) => {
    const x = rowLabel + index * cell + cell / 2;
    out.push(`<text transform="translate(${x + 4},${gridTop - 6}) rotate(-60)" fill="#222"><title>${escape(column.name)}</title>${escape(column.code)}</text>`);
  });
  matrix.rows.forEach((row, r) => {
    const y = gridTop + r * cell;
    const label = `${row.code} ${row.name}`;
    out.push(`<text x="${rowLabel - 6}" y="${y + cell / 2 + 4}" text-anchor="end" fill="#222"><title>${escape(label)}</title>${escape(truncate(label, 48))}</text>`);
    matrix.columns.forEach((column, c) => {
      const x = rowLabel + c * cell;
      const value = cells.get(cellKey(row.id, column.id));
      if (!value) {
        out.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="#fafafa" stroke="#e3e3e3"/>`);
        return;
      }
      const share = value.value / max;
      out.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${heatColour(share)}" stroke="#ffffff"/>`);
      const marks = cellMarks(value);
      if (marks.derived) out.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="url(#hatch)"/>`);
      if (marks.disputed) out.push(`<path d="M${x + cell - 10},${y} h10 v10 z" fill="#c62828"/>`);
      out.push(`<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" font-size="10" fill="${textColour(share)}">${escape(format(value.value))}</text>`);
    });
  });
  const legendY = gridTop + matrix.rows.length * cell + 24;
  LEGEND_STOPS.forEach((stop, index) => out.push(`<rect x="${10 + index * 24}" y="${legendY}" width="24" height="14" fill="${stop}"/>`));
  out.push(
    `<text x="10" y="${legendY + 30}">${escape(labels.low)}</text>`,
    `<text x="${10 + LEGEND_STOPS.length * 24}" y="${legendY + 30}" text-anchor="end">${escape(labels.high)}</text>`,
    `<path d="M${190},${legendY} h12 v12 z" fill="#c62828"/><text x="${208}" y="${legendY + 11}">${escape(labels.disputed)}</text>`,
    `<rect x="${390}" y="${legendY}" width="14" height="14" fill="#3182bd"/><rect x="${390}" y="${legendY}" width="14" height="14" fill="url(#hatch)"/><text x="${410}" y="${legendY + 11}">${escape(labels.derived)}</text>`,
    `</svg>`,
  );
  return { svg: out.join(''), width, height };
}

/** Draws the SVG on a canvas at twice its size and returns a PNG. */
export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const context = canvas.getContext('2d')!;
    context.scale(2, 2);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
