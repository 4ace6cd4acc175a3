/**
 * CSV as spreadsheet programs read it (RFC 4180), the same form as the
 * service's `/export/matrix.csv`: UTF-8 with a byte order mark (without it
 * Excel garbles Chinese and Arabic), CRLF, quotes where needed, and a leading
 * apostrophe on text that a spreadsheet would run as a formula (`=`, `+`,
 * `-`, `@`, tab, CR; OWASP's advice).
 */
export function toCsv(rows: readonly (readonly (string | number | undefined)[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map(field).join(',') + '\r\n').join('');
}

function field(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
