import { readFileSync } from 'node:fs';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { NameDictionary } from '../../src/linking/name-dictionary';
import { linkText } from '../../src/linking/link-text';

/**
 * `tsx test/eval/dump-draft.ts <file>`: the linker's paragraphs of a file as
 * JSON lines (label, text, distinct node ids), the draft a curator corrects
 * into a gold set (see linking-gold.json and README).
 */
const dictionary = new NameDictionary(loadSeeds().nodeFiles.flatMap((f) => f.records));
const result = linkText(readFileSync(process.argv[2]!, 'utf8'), dictionary);
for (const p of [...result.paragraphs, ...result.footnotes]) {
  process.stdout.write(`${JSON.stringify({ number: p.number, text: p.text, ids: [...new Set(p.mentions.map((m) => m.nodeId))] })}\n`);
}
