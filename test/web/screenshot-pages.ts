// Not a test: screenshots of the given paths (or of one element on each), for looking at and for the README.
// npx tsx test/web/screenshot-pages.ts <path> <selector or -> ...  (OUT=dir, W=width, H=height)
import { openPage, SCREENSHOTS, startExplorer, visit } from './explorer-harness';
(async () => {
  const explorer = await startExplorer();
  const [, , ...args] = process.argv;
  const { page } = await openPage(explorer, { width: Number(process.env.W ?? 1280), height: Number(process.env.H ?? 800) });
  for (let i = 0; i < args.length; i += 2) {
    await visit(explorer, page, args[i]!);
    await page.waitForTimeout(300);
    const sel = args[i + 1];
    const out = `${process.env.OUT ?? SCREENSHOTS}/${i / 2}.png`;
    if (sel && sel !== '-') await page.locator(sel).first().screenshot({ path: out });
    else await page.screenshot({ path: out });
    console.log(out);
  }
  await explorer.close();
})();
