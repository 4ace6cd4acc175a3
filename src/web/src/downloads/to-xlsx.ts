import writeXlsxFile from 'write-excel-file/universal';

/**
 * An .xlsx workbook of one sheet. Text cells are typed as text, so codes such
 * as `8.10` or `1.1` stay codes instead of becoming numbers (8.1, a date);
 * numbers stay numbers. Loaded only when someone asks for a spreadsheet.
 */
export async function toXlsx(rows: readonly (readonly (string | number | undefined)[])[], sheet: string): Promise<Blob> {
  const data = rows.map((row) =>
    row.map((value) =>
      value === undefined ? null : typeof value === 'number' ? { type: Number, value } : { type: String, value },
    ),
  );
  return writeXlsxFile(data, { sheet: sheet.slice(0, 31) }).toBlob();
}
