import { readFileSync } from 'node:fs';
import { loadSeeds } from '../seeds/load-seeds';
import { NameDictionary } from '../linking/name-dictionary';
import { linkText } from '../linking/link-text';

/**
 * `npm run link -- path/to/file.txt [--lang zh] [--json]`: links a document
 * to the seeded graph without a server and prints its paragraphs with the
 * nodes they mention and the links they suggest (`--json`: the whole result
 * as JSON), then what it could not resolve. `--lang` is accepted for the
 * record; the linker reads Chinese and English alike.
 */
function main(): void {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const langAt = args.indexOf('--lang');
  const lang = langAt >= 0 ? args[langAt + 1] : undefined;
  const file = args.find((arg, index) => !arg.startsWith('--') && !(langAt >= 0 && index === langAt + 1));
  if (!file) throw new Error('usage: npm run link -- path/to/file.txt [--lang zh] [--json]');
  if (lang !== undefined && !/^(ar|zh|en|fr|ru|es)$/.test(lang)) throw new Error(`--lang "${lang}" is not one of ar, zh, en, fr, ru, es`);
  const text = readFileSync(file, 'utf8');
  const dictionary = new NameDictionary(loadSeeds().nodeFiles.flatMap((f) => f.records));
  const started = process.hrtime.bigint();
  const result = linkText(text, dictionary);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (json) {
    process.stdout.write(`${JSON.stringify({ file, lang: lang ?? null, ...result }, null, 2)}\n`);
    return;
  }
  for (const paragraph of [...result.paragraphs, ...result.footnotes]) {
    if (paragraph.mentions.length === 0) continue;
    process.stdout.write(`[${paragraph.number}] ${paragraph.text.slice(0, 60).replace(/\s+/g, ' ')}${paragraph.text.length > 60 ? '…' : ''}\n`);
    for (const link of paragraph.proposedLinks) {
      const mention = paragraph.mentions[link.mention]!;
      const verb = link.evidence ? ` (${link.evidence.verb})` : '';
      process.stdout.write(`    ${link.type.padEnd(8)} ${mention.nodeId}  «${mention.surface}» ${mention.method} ${mention.confidence}${verb}\n`);
    }
  }
  if (result.unresolved.length > 0) {
    process.stdout.write(`unresolved (${result.unresolved.length}):\n`);
    for (const u of result.unresolved) process.stdout.write(`    ${u.kind.padEnd(8)} ${u.surface} ×${u.count} [${u.paragraphs.join(', ')}]\n`);
  }
  const mentions = result.paragraphs.reduce((n, p) => n + p.mentions.length, 0);
  process.stdout.write(`${result.paragraphs.length} paragraphs, ${result.footnotes.length} footnotes, ${mentions} mentions, linked in ${ms.toFixed(1)} ms\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`link failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
