// `npm run bench:web`: how fast the explorer's pages paint over loopback, in Debian's chromium, each
// visit in a fresh browser context (cold cache). Not part of `npm test`: timings live in benchmarks only.
// "Meaningful" is the page's content: the matrix's heatmap grid, a node page's links, the home counts.
import { openPage, startExplorer } from '../web/explorer-harness';

const PAGES = [
  { name: 'matrix ACTION_LINES × SDG_GOALS', path: '/matrix?rows=ACTION_LINES&columns=SDG_GOALS', selector: 'table.heatmap [data-cell]' },
  { name: 'matrix ACTION_LINES × SDG_TARGETS', path: '/matrix?rows=ACTION_LINES&columns=SDG_TARGETS', selector: 'table.heatmap [data-cell]' },
  { name: 'node Entity:ITU', path: '/node/Entity%3AITU', selector: '[data-testid="links"] [data-link-id]' },
  { name: 'home', path: '/', selector: 'table.counts td' },
];
const RUNS = 7;

async function main(): Promise<void> {
  const explorer = await startExplorer();
  try {
    // One warm-up visit so the server's first-request costs (GraphQL schema caches) are not counted.
    const warm = await openPage(explorer);
    for (const page of PAGES) await warm.page.goto(`${explorer.url}${page.path}`, { waitUntil: 'networkidle' });
    await warm.context.close();
    for (const { name, path, selector } of PAGES) {
      const meaningful: number[] = [];
      const contentful: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const { page, context } = await openPage(explorer);
        await page.goto(`${explorer.url}${path}`);
        await page.locator(selector).first().waitFor({ state: 'attached' });
        // Milliseconds since navigation start, as the page's own clock says.
        meaningful.push(await page.evaluate(() => performance.now()));
        contentful.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
        await context.close();
      }
      process.stdout.write(`${name}: content shown median ${median(meaningful).toFixed(0)} ms (max ${Math.max(...meaningful).toFixed(0)}), first contentful paint median ${median(contentful).toFixed(0)} ms, ${RUNS} cold visits\n`);
    }
  } finally {
    await explorer.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

void main();
