import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { NoDeprecatedCustomRule, parse, validate } from 'graphql';
import type { Page } from 'playwright-core';
import { createSchema } from '../../src/graphql/schema';
import { openPage, SCREENSHOTS, sentQueries, startExplorer, visit, type Explorer } from './explorer-harness';

jest.setTimeout(120_000);

/** Every page of the explorer, each with a state worth restoring from its URL. */
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'home-zh', path: '/?ui=zh' },
  { name: 'matrix', path: '/matrix?rows=ACTION_LINES&columns=SDG_GOALS&measure=DIRECT_LINKS' },
  { name: 'matrix-cell', path: `/matrix?rows=ACTION_LINES&columns=SDG_GOALS&measure=DIRECT_LINKS&cell=${encodeURIComponent('ActionLine:C2|SdgGoal:9')}` },
  { name: 'matrix-targets-zh', path: '/matrix?rows=ACTION_LINES_MAIN&columns=SDG_TARGETS&ui=zh' },
  { name: 'matrix-gdc', path: '/matrix?rows=GDC_OBJECTIVES&columns=ACTION_LINES_MAIN' },
  { name: 'node-target', path: `/node/${encodeURIComponent('SdgTarget:9.c')}` },
  { name: 'node-entity', path: `/node/${encodeURIComponent('Entity:CSTD')}?hops=2` },
  { name: 'node-resolution-zh', path: `/node/${encodeURIComponent('Resolution:A/RES/70/125')}?ui=zh` },
  { name: 'overlap', path: '/overlap?a=ActionLine:C5&b=GdcObjective:3' },
  { name: 'paths', path: '/paths?from=Entity:ITU&to=SdgTarget:9.c' },
  { name: 'coverage', path: '/coverage' },
];

let explorer: Explorer;
beforeAll(async () => {
  explorer = await startExplorer();
});
afterAll(async () => {
  await explorer?.close();
});

interface PageReport {
  problems: string[];
  axe?: string[];
  scriptBytes?: number;
  foreign?: string[];
}

/**
 * One sweep over every page at both sizes (a browser visit costs a second on
 * these machines): problems seen, the axe audit and the script sizes at
 * 1280×800, screenshots of each for a person to look at.
 */
async function sweep(): Promise<Record<string, PageReport>> {
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const reports: Record<string, PageReport> = {};
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    const { page, context, problems } = await openPage(explorer, viewport);
    for (const { name, path } of PAGES) {
      await visit(explorer, page, path);
      await page.waitForTimeout(100);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport.width}.png`), fullPage: viewport.width > 400 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      // An error the page shows (a refused query answers 200 with `errors`, which no request check sees).
      const shownErrors = (await page.locator('main [role="alert"]').allTextContents()).map((text) => `shows an error: ${text}`);
      const report: PageReport = { problems: [...problems.splice(0), ...(overflow > 1 ? [`scrolls sideways by ${overflow}px`] : []), ...shownErrors] };
      if (viewport.width > 400) {
        // Evaluated over the DevTools protocol, which the page's CSP (no inline scripts) does not govern.
        await page.evaluate(axeSource);
        report.axe = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document);
          return result.violations
            .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
            .map((violation) => `${violation.impact} ${violation.id}: ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
        });
        const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => ({ url: entry.name, type: (entry as PerformanceResourceTiming).initiatorType })));
        report.foreign = resources.filter((resource) => !resource.url.startsWith(explorer.url)).map((resource) => resource.url);
        let bytes = 0;
        for (const { url } of resources.filter((resource) => resource.url.endsWith('.js'))) bytes += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
        report.scriptBytes = bytes;
      }
      reports[`${name}@${viewport.width}`] = report;
    }
    await context.close();
  }
  return reports;
}

describe('web explorer: every page in a real browser', () => {
  let reports: Record<string, PageReport>;
  beforeAll(async () => {
    reports = await sweep();
  });

  it('loads every page without console errors, failed requests, errors shown or page-wide sideways scrolling, at 1280×800 and 390×844', () => {
    expect(Object.keys(reports)).toHaveLength(PAGES.length * 2);
    expect(Object.fromEntries(Object.entries(reports).filter(([, report]) => report.problems.length > 0).map(([name, report]) => [name, report.problems]))).toEqual({});
  });

  it('has no serious or critical axe-core violation on any page', () => {
    expect(Object.fromEntries(Object.entries(reports).filter(([, report]) => (report.axe ?? []).length > 0).map(([name, report]) => [name, report.axe]))).toEqual({});
  });

  it('sends each page less than 300 kB of gzipped JavaScript, every asset from its own origin', () => {
    const measured = Object.entries(reports).filter(([, report]) => report.scriptBytes !== undefined);
    expect(measured).toHaveLength(PAGES.length);
    expect(measured.filter(([, report]) => report.scriptBytes! >= 300 * 1024 || report.scriptBytes! === 0).map(([name, report]) => [name, report.scriptBytes])).toEqual([]);
    expect(measured.flatMap(([, report]) => report.foreign!)).toEqual([]);
  });
});

const MATRIX_CELLS = `query($rows: MatrixAxis!, $columns: MatrixAxis!, $lang: Lang!) {
  matrix(rows: $rows, columns: $columns) {
    rows { id code name(lang: $lang) } columns { id code }
    cells { row { id } column { id } value flags
      evidence { id type confidence method flags source { document paragraph url } sources { document paragraph url } } }
  }
}`;

interface ApiMatrix {
  matrix: {
    rows: { id: string; code: string; name: string }[];
    columns: { id: string; code: string }[];
    cells: {
      row: { id: string };
      column: { id: string };
      value: number;
      flags: string[];
      evidence: { id: string; type: string; confidence: string; method: string | null; flags: string[]; sources: { document: string | null; paragraph: string | null; url: string | null }[] }[];
    }[];
  };
}

/** What the evidence panel shows of each link, read from the page. */
async function shownEvidence(page: Page) {
  return page.locator('[data-testid="cell-panel"] .evidence > li').evaluateAll((items) =>
    items.map((item) => ({
      id: item.getAttribute('data-link-id'),
      confidence: item.querySelector('[data-confidence]')?.getAttribute('data-confidence'),
      flags: [...item.querySelectorAll('[data-flag]')].map((flag) => flag.getAttribute('data-flag')),
      sources: [...item.querySelectorAll('.sources .source')].map((source) => ({
        document: source.getAttribute('data-document') || null,
        paragraph: source.getAttribute('data-paragraph') || null,
        url: source.querySelector('a')?.getAttribute('href') ?? null,
      })),
    })),
  );
}

describe('web explorer: the matrix', () => {
  it('shows, for a clicked cell and for a disputed one, exactly the evidence the API gives', async () => {
    const api = await explorer.api<ApiMatrix>(MATRIX_CELLS, { rows: 'ACTION_LINES', columns: 'SDG_GOALS', lang: 'EN' });
    const disputed = api.matrix.cells.find((cell) => cell.flags.includes('matrix_views_disagree'))!;
    const plain = api.matrix.cells.find((cell) => cell.row.id === 'ActionLine:C2' && cell.column.id === 'SdgGoal:9')!;
    expect(disputed).toBeDefined();
    const { page, context, problems } = await openPage(explorer);
    await visit(explorer, page, '/matrix?rows=ACTION_LINES&columns=SDG_GOALS');
    for (const cell of [plain, disputed]) {
      const key = `${cell.row.id}|${cell.column.id}`;
      const button = page.locator(`[data-cell="${key}"]`);
      await button.click();
      await page.locator('[data-testid="cell-panel"] .evidence > li').first().waitFor();
      expect(await page.locator('[data-testid="cell-value"]').textContent()).toBe(String(cell.value));
      expect(await shownEvidence(page)).toEqual(
        cell.evidence.map((link) => ({ id: link.id, confidence: link.confidence, flags: link.flags, sources: link.sources })),
      );
      expect(new URL(page.url()).searchParams.get('cell')).toBe(key);
      expect(await button.getAttribute('class')).toContain(cell === disputed ? 'disputed' : 'cell');
    }
    // The URL restores the open cell.
    await visit(explorer, page, `/matrix?rows=ACTION_LINES&columns=SDG_GOALS&cell=${encodeURIComponent(`${plain.row.id}|${plain.column.id}`)}`);
    await page.locator('[data-testid="cell-panel"] .evidence > li').first().waitFor();
    expect((await shownEvidence(page)).map((link) => link.id)).toEqual(plain.evidence.map((link) => link.id));
    await context.close();
    expect(problems).toEqual([]);
  });

  it('moves between cells with the arrow keys and opens one with Enter', async () => {
    const { page, context } = await openPage(explorer);
    await visit(explorer, page, '/matrix?rows=ACTION_LINES&columns=SDG_GOALS');
    await page.locator('[data-r="0"][data-c="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="cell-panel"]').waitFor();
    expect(await page.locator('#cell-title').textContent()).toBe('C2 × 2');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('ActionLine:C2|SdgGoal:2');
    await context.close();
  });

  it('downloads CSV and XLSX that parse back to the cells shown (codes as text, 8.10 stays 8.10), and SVG and PNG of the grid, named with the dataset version', async () => {
    const variables = { rows: 'ACTION_LINES_MAIN', columns: 'SDG_TARGETS', lang: 'ZH' };
    const api = await explorer.api<ApiMatrix>(MATRIX_CELLS, variables);
    const { dataset } = await explorer.api<{ dataset: { version: string } }>('{ dataset { version } }');
    const values = new Map(api.matrix.cells.map((cell) => [`${cell.row.id}|${cell.column.id}`, cell.value]));
    const expected = [
      ['code', 'name', ...api.matrix.columns.map((column) => column.code)],
      ...api.matrix.rows.map((row) => [row.code, row.name, ...api.matrix.columns.map((column) => values.get(`${row.id}|${column.id}`) ?? null)]),
    ];
    expect(expected[0]).toContain('8.10');

    const { page, context } = await openPage(explorer);
    await visit(explorer, page, '/matrix?rows=ACTION_LINES_MAIN&columns=SDG_TARGETS&ui=zh');
    const download = async (kind: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`button[data-download="${kind}"]`).click()]);
      return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
    };

    const csv = await download('csv');
    const csvRows: string[][] = parseCsv(csv.bytes.toString('utf8'), { bom: true, relax_column_count: false });
    expect(csvRows.map((row, index) => (index === 0 ? row : row.map((field, column) => (column < 2 ? field : field === '' ? null : Number(field)))))).toEqual(
      expected,
    );

    const xlsx = await download('xlsx');
    const sheet = await readSheet(xlsx.bytes);
    expect(sheet).toEqual(expected);
    expect(typeof sheet[0]![expected[0]!.indexOf('8.10')]).toBe('string');

    const svg = await download('svg');
    const svgText = svg.bytes.toString('utf8');
    expect(svgText.startsWith('<svg')).toBe(true);
    for (const column of api.matrix.columns) expect(svgText).toContain(`>${column.code}</text>`);
    const png = await download('png');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

    for (const file of [csv, xlsx, svg, png]) expect(file.name).toContain(dataset.version);
    expect([csv, xlsx, svg, png].map((file) => file.name.split('.').pop())).toEqual(['csv', 'xlsx', 'svg', 'png']);
    await context.close();
  });
});

describe('web explorer: search and node pages', () => {
  it('reaches node pages from a search in Chinese (国际电联) and in English, with the API’s hits in its order', async () => {
    const { page, context, problems } = await openPage(explorer);
    for (const [text, pick] of [
      ['国际电联', 'Entity:ITU_COUNCIL'],
      ['国际电信联盟', 'Entity:ITU'],
      ['Telecommunication Union', 'Entity:ITU'],
      ['以低廉的价格普遍提供因特网', 'SdgTarget:9.c'],
    ] as const) {
      const { searchConnection } = await explorer.api<{ searchConnection: { nodes: { node: { id: string } }[] } }>(
        'query($q: String!) { searchConnection(query: $q, first: 12) { nodes { node { id } } } }',
        { q: text },
      );
      await visit(explorer, page, '/?ui=zh');
      await page.getByRole('searchbox').fill(text);
      await page.locator('.hits a.hit').first().waitFor();
      expect(await page.locator('.hits a.hit').evaluateAll((hits) => hits.map((hit) => hit.getAttribute('data-node-id')))).toEqual(searchConnection.nodes.map((hit) => hit.node.id));
      await page.locator(`.hits a.hit[data-node-id="${pick}"]`).click();
      await page.locator(`article[data-node-id="${pick}"]`).waitFor();
      expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/node/${pick}`);
    }
    await context.close();
    expect(problems).toEqual([]);
  });

  it('lists on a node page exactly the links and names the API gives, English fallbacks marked', async () => {
    const { page, context } = await openPage(explorer);
    for (const id of ['Entity:ITU', 'SdgTarget:9.c', 'Resolution:A/RES/70/125']) {
      const { node } = await explorer.api<{ node: { linksConnection: { nodes: { link: { id: string } }[] } } & Record<string, { fallback: boolean }> }>(
        `query($id: ID!) { node(id: $id) { linksConnection(first: 500) { nodes { link { id } } } ${['AR', 'ZH', 'EN', 'FR', 'RU', 'ES'].map((lang) => `${lang}: localizedName(lang: ${lang}) { fallback }`).join(' ')} } }`,
        { id },
      );
      // Unencoded, as /id/<id> redirects browsers (`/node/Resolution:A/RES/70/125`); the explorer's own links encode.
      await visit(explorer, page, `/node/${id}`);
      const shown = await page.locator('[data-testid="links"] [data-link-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-link-id')));
      expect([...shown].sort()).toEqual(node.linksConnection.nodes.map((item) => item.link.id).sort());
      expect(new Set(shown).size).toBe(shown.length);
      const fallbacks = ['AR', 'ZH', 'EN', 'FR', 'RU', 'ES'].filter((lang) => node[lang]!.fallback).length;
      expect(await page.locator('table.names tr.fallback .fallback-mark').count()).toBe(fallbacks);
      expect(await page.locator('table.names tr').count()).toBe(6);
    }
    await context.close();
  });
});

describe('web explorer: a new user’s walk (the issue’s “done when”)', () => {
  it('finds target 9.c from its Chinese name, sees in the matrix the action lines that reach it, reads a cell’s provenance and downloads XLSX', async () => {
    const { sdgTarget } = await explorer.api<{ sdgTarget: { actionLines: { id: string }[] } }>('{ sdgTarget(code: "9.c") { actionLines { id } } }');
    const { page, context, problems } = await openPage(explorer);
    await visit(explorer, page, '/?ui=zh');
    await page.getByRole('searchbox').fill('以低廉的价格普遍提供因特网');
    await page.locator('.hits a.hit[data-node-id="SdgTarget:9.c"]').click();
    await page.locator('article[data-node-id="SdgTarget:9.c"]').waitFor();

    // From the node page to its column of the WSIS–SDG Matrix at target level, marked and scrolled to.
    await page.locator('[data-testid="in-matrix"]').click();
    const rows = await explorer.api<{ matrix: { rows: unknown[] } }>('{ matrix(rows: ACTION_LINES, columns: SDG_TARGETS) { rows { id } } }');
    const column = page.locator('table.heatmap td.cell.focus');
    await page.waitForFunction((count) => document.querySelectorAll('table.heatmap td.cell.focus').length === count, rows.matrix.rows.length);
    const reaching = await column.evaluateAll((cells) => cells.filter((cell) => !cell.classList.contains('empty')).map((cell) => cell.getAttribute('data-cell')!.split('|')[0]));
    expect(reaching).toEqual(sdgTarget.actionLines.map((line) => line.id));
    expect(await page.locator('table.heatmap thead th.focus').textContent()).toBe('9.c');
    const header = (await page.locator('table.heatmap thead th.focus').boundingBox())!;
    const scroller = (await page.locator('.heatmap-scroll').boundingBox())!;
    expect(header.x >= scroller.x && header.x + header.width <= scroller.x + scroller.width).toBe(true);

    // A cell's evidence says where its link comes from; the grid goes to a spreadsheet as shown.
    await page.locator(`table.heatmap td.cell.focus[data-cell="${sdgTarget.actionLines[0]!.id}|SdgTarget:9.c"]`).click();
    await page.locator('[data-testid="cell-panel"] .evidence > li .sources .source[data-document]').first().waitFor();
    expect(new URL(page.url()).searchParams.get('focus')).toBe('SdgTarget:9.c');
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-download="xlsx"]').click()]);
    const sheet = await readSheet(readFileSync((await file.path())!));
    expect(sheet[0]).toContain('9.c');
    expect(sheet.map((row) => row[0])).toEqual(expect.arrayContaining(['C2', 'C9']));
    await context.close();
    expect(problems).toEqual([]);
  });
});

describe('web explorer: an API key for keyed deployments', () => {
  it('asks for a key when anonymous reading is off, sends it as a Bearer header once entered, and keeps it for that tab only', async () => {
    const key = 'explorer-reader-key-4c1d9e';
    const keyed = await startExplorer({ ALLOW_ANONYMOUS_READ: 'false', API_KEYS: `reader1:reader:${createHash('sha256').update(key).digest('hex')}` });
    try {
      // The refused requests are this test's subject, so openPage's list of problems is not asserted.
      const { page, context } = await openPage(keyed);
      const sent: (string | null)[] = [];
      page.on('request', (request) => request.url().endsWith('/graphql') && sent.push(request.headers()['authorization'] ?? null));
      await page.goto(`${keyed.url}/matrix?rows=ACTION_LINES&columns=SDG_GOALS`);
      const refusal = page.locator('main [role="alert"][data-code="UNAUTHENTICATED"]');
      await refusal.waitFor();
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((header) => header === null)).toBe(true);

      // The refusal offers the key entry; a wrong key is refused in words.
      await refusal.getByRole('button').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('api-key-input');
      await page.keyboard.type('not-the-key');
      await page.keyboard.press('Enter');
      await page.locator('main [role="alert"][data-code="UNAUTHENTICATED"]', { hasText: 'The API key is not valid.' }).waitFor();

      sent.length = 0;
      await page.locator('#api-key-input').fill(key);
      await page.locator('#api-key-input').press('Enter');
      await page.locator('table.heatmap [data-cell]').first().waitFor();
      expect(await refusal.count()).toBe(0);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((header) => header === `Bearer ${key}`)).toBe(true);
      expect(await page.locator('.api-key summary').textContent()).toBe('API key set');

      // Kept across a reload of the tab, in sessionStorage, never in the URL; another tab does not have it.
      await visit(keyed, page, '/node/SdgTarget%3A9.c');
      await page.locator('[data-testid="links"] [data-link-id]').first().waitFor();
      expect(page.url()).not.toContain(key);
      await page.reload();
      await page.locator('[data-testid="links"] [data-link-id]').first().waitFor();
      const other = await context.newPage();
      await other.goto(`${keyed.url}/coverage`);
      await other.locator('main [role="alert"][data-code="UNAUTHENTICATED"]').waitFor();

      // Forgetting it: the next request goes without.
      await page.locator('.api-key summary').click();
      await page.getByRole('button', { name: 'Forget key' }).click();
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      await page.goto(`${keyed.url}/coverage`);
      await page.locator('main [role="alert"][data-code="UNAUTHENTICATED"]').waitFor();
      await context.close();
    } finally {
      await keyed.close();
    }
  });
});

// Last, so that it sees what every test above made the pages send.
describe('web explorer: a client of the current API', () => {
  it('sends only valid queries that use no deprecated field, argument or enum value', () => {
    const schema = createSchema();
    expect(sentQueries.size).toBeGreaterThan(10);
    const misuses = [...sentQueries].flatMap((query) => validate(schema, parse(query), [NoDeprecatedCustomRule]).map((error) => error.message));
    expect([...new Set(misuses)].sort()).toEqual([]);
    expect([...sentQueries].flatMap((query) => validate(schema, parse(query)).map((error) => error.message))).toEqual([]);
  });
});
