import { CSV_BOM, csvField, fromCsv, toCsv } from '../../../src/analytics/to-csv';

describe('analytics: CSV for spreadsheets', () => {
  it('starts with a BOM, ends every record with CRLF and quotes as RFC 4180 says', () => {
    expect(toCsv([['code', 'name'], ['C1', 'a, "b"\nc'], [1.5, null]])).toBe(`${CSV_BOM}code,name\r\nC1,"a, ""b""\nc"\r\n1.5,\r\n`);
  });

  it('guards text that a spreadsheet would run as a formula, but not numbers', () => {
    expect(['=SUM(A1)', '+1', '-x', '@cmd', '\tx', 'e-health'].map(csvField)).toEqual(["'=SUM(A1)", "'+1", "'-x", "'@cmd", "'\tx", 'e-health']);
    expect(csvField(-1)).toBe('-1');
    expect(csvField('=a,b')).toBe(`"'=a,b"`);
  });

  it('parses its own output back, Chinese text, quotes, newlines and guarded cells intact', () => {
    const rows = [
      ['code', 'name', 'note'],
      ['C1', '公共治理当局和所有利益攸关方在推动信息和通信技术促进发展方面的作用', '=1+1'],
      ['C7.e-health', 'say "hi", then\r\nbye', ''],
    ];
    expect(fromCsv(toCsv(rows))).toEqual(rows);
  });
});
