/**
 * CSV as spreadsheet programs read it (RFC 4180): fields separated by commas,
 * records by CRLF, a field quoted when it holds a comma, quote, CR or LF, a
 * quote doubled inside quotes. The text starts with a UTF-8 byte order mark,
 * without which Excel reads UTF-8 as a legacy code page and garbles Chinese
 * or Arabic names.
 *
 * Formula injection: a spreadsheet runs a cell that starts with `=`, `+`,
 * `-` or `@` (and tab or CR, which some strip first) as a formula, so such
 * a text cell gets a leading apostrophe (OWASP's advice): it shows as text
 * and {@link fromCsv} strips it again. Numbers are written as numbers.
 */
export const CSV_BOM = '\uFEFF';

export type CsvValue = string | number | null | undefined;

/** Joins rows into CSV text: BOM, one record per row, CRLF after each. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/** One field: numbers as they are, text guarded and quoted as needed, null/undefined empty. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/**
 * Parses CSV text written by {@link toCsv} (or any RFC 4180 CSV) back into
 * rows of strings, dropping a leading BOM and undoing the formula guard.
 * For tests and for clients that want to check a download.
 */
export function fromCsv(text: string): string[][] {
  const body = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    row.push(unguard(field));
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') endField();
    else if (ch === '\r' && body[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else if (ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function unguard(field: string): string {
  return field.startsWith("'") && FORMULA_START.test(field.slice(1)) ? field.slice(1) : field;
}
