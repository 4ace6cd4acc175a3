import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServer, edgeLimitsOf } from '../../src/http/create-server';
import { createTestApp, postGraphQL } from '../e2e/test-app';

export const CHROMIUM = '/usr/bin/chromium';
const WEB_DIR = join(__dirname, '..', '..', 'dist', 'web');
/** Git-ignored (under dist/): the tests' screenshots, to be looked at. */
export const SCREENSHOTS = join(__dirname, '..', '..', 'dist', 'web-screenshots');

export interface Explorer {
  url: string;
  browser: Browser;
  /** GraphQL in-process against the same app: what the API answers, to compare the pages with. */
  api: <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;
  close: () => Promise<void>;
}

/**
 * The real service over a socket on port 0 and Debian's chromium, headless,
 * driven by playwright-core (no browser download), configured by `env` as
 * `npm start` would be. Fails loudly when the browser or the explorer build
 * is missing, never skips.
 */
export async function startExplorer(env: Record<string, string> = {}): Promise<Explorer> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install it with "apt-get update && apt-get install -y chromium" (.ci/run does).`);
  if (!existsSync(join(WEB_DIR, 'index.html'))) throw new Error(`${WEB_DIR} is missing: run "npm run build:web" first (npm test does).`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { app, config } = createTestApp(env);
  const server: Server = createServer(app, edgeLimitsOf(config));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  return {
    url,
    browser,
    api: async <T>(query: string, variables?: Record<string, unknown>) => {
      const { body } = await postGraphQL(app, query, variables);
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data as T;
    },
    close: async () => {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The text of every GraphQL document any watched page POSTed to /graphql, once each: what the explorer asks of the API. */
export const sentQueries = new Set<string>();

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  problems: string[];
}

/** A fresh page at a viewport size, recording every console error, page error and failed or 4xx/5xx request. */
export async function openPage(explorer: Explorer, viewport = { width: 1280, height: 800 }, options: { bypassCSP?: boolean } = {}): Promise<WatchedPage> {
  const context = await explorer.browser.newContext({ viewport, acceptDownloads: true, bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // A request cut off by leaving the page (ERR_ABORTED) is the browser's doing, not a failure of the page.
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${reason}`);
  });
  page.on('response', (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
  page.on('request', (request) => {
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/graphql') return;
    const query = (request.postDataJSON() as { query?: unknown } | null)?.query;
    if (typeof query === 'string') sentQueries.add(query);
  });
  return { page, context, problems };
}

/** Goes to `path` and waits until the page has its heading and nothing is loading any more. */
export async function visit(explorer: Explorer, page: Page, path: string): Promise<void> {
  await page.goto(`${explorer.url}${path}`, { waitUntil: 'networkidle' });
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[role="status"]'));
}
