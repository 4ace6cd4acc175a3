import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseGlobalId } from '../../src/domain/node-types';
import { linkDocument } from '../../src/linking/link-document';
import { linkText, type LinkedText } from '../../src/linking/link-text';
import { NameDictionary } from '../../src/linking/name-dictionary';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';

/**
 * `npm run eval:linking`: precision, recall and F1 of the mentions the linker
 * finds in the four domain documents (copied in `docs/`), against the gold
 * set `linking-gold.json` (paragraph → expected node ids), micro-averaged
 * and per node type, for the part tuned on and the part only measured on;
 * then the time to link a 25 kB document (median of 15 runs, after 3 to warm
 * up), with and without building the name dictionary from the store.
 *
 * A paragraph's expected ids are those of the gold entries whose anchor it
 * contains (searched in document order); a found id no entry expects is a false positive, so paragraphs
 * the gold set leaves out count as naming nothing.
 */
interface GoldEntry {
  paragraph: string;
  anchor: string;
  expected: string[];
  note?: string;
}
interface Gold {
  splits: { tune: string[]; heldout: string[] };
  documents: Record<string, GoldEntry[]>;
}
interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

const here = __dirname;
const gold = JSON.parse(readFileSync(path.join(here, 'linking-gold.json'), 'utf8')) as Gold;
const readDoc = (name: string) => readFileSync(path.join(here, 'docs', `${name}.txt`), 'utf8');

function score(dictionary: NameDictionary, documents: readonly string[]): { micro: Tally; byType: Map<string, Tally>; errors: string[] } {
  const micro: Tally = { tp: 0, fp: 0, fn: 0 };
  const byType = new Map<string, Tally>();
  const errors: string[] = [];
  const add = (id: string, key: keyof Tally) => {
    micro[key]++;
    const type = parseGlobalId(id)?.type ?? '?';
    const tally = byType.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    tally[key]++;
    byType.set(type, tally);
  };
  for (const document of documents) {
    const result = linkText(readDoc(document), dictionary);
    const paragraphs: LinkedText[] = [...result.paragraphs, ...result.footnotes];
    const expected = new Map<LinkedText, Set<string>>();
    // Entries are in document order: each anchor is looked for from the paragraph of the one before.
    let from = 0;
    for (const entry of gold.documents[document] ?? []) {
      const at = paragraphs.findIndex((p, index) => index >= from && p.text.includes(entry.anchor));
      const paragraph = at >= 0 ? paragraphs[at] : undefined;
      if (at >= 0) from = at;
      if (!paragraph) {
        for (const id of entry.expected) add(id, 'fn');
        errors.push(`${document}: no paragraph holds the anchor "${entry.anchor}"`);
        continue;
      }
      const set = expected.get(paragraph) ?? new Set<string>();
      for (const id of entry.expected) set.add(id);
      expected.set(paragraph, set);
    }
    for (const paragraph of paragraphs) {
      const want = expected.get(paragraph) ?? new Set<string>();
      const got = new Set(paragraph.mentions.map((m) => m.nodeId));
      for (const id of got) {
        if (want.has(id)) add(id, 'tp');
        else {
          add(id, 'fp');
          errors.push(`${document} [${paragraph.number}] false positive ${id}`);
        }
      }
      for (const id of want) {
        if (!got.has(id)) {
          add(id, 'fn');
          errors.push(`${document} [${paragraph.number}] missed ${id}`);
        }
      }
    }
  }
  return { micro, byType, errors };
}

const prf = (t: Tally) => {
  const p = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
  const r = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
  const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return `P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f.toFixed(3)}  (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})`;
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const verbose = process.argv.includes('--errors');
  const dictionary = new NameDictionary(loadSeeds().nodeFiles.flatMap((f) => f.records));
  for (const part of ['tune', 'heldout'] as const) {
    const { micro, byType, errors } = score(dictionary, gold.splits[part]);
    process.stdout.write(`${part === 'tune' ? 'tuned on' : 'held out'} (${gold.splits[part].join(', ')}):\n  micro       ${prf(micro)}\n`);
    for (const [type, tally] of [...byType].sort()) process.stdout.write(`  ${type.padEnd(12)}${prf(tally)}\n`);
    if (verbose) for (const error of errors) process.stdout.write(`    ${error}\n`);
  }

  // A 25 kB (UTF-8) document: the Council report followed by the start of the member-state contribution.
  let text = readDoc('000_45cdf86751558aa3');
  for (const extra of readDoc('001_b5b3951e88cb5a4f')) {
    if (Buffer.byteLength(text) >= 25_000) break;
    text += extra;
  }
  const store = createEmbeddedGraphStore();
  const textOnly: number[] = [];
  const withDictionary: number[] = [];
  for (let run = 0; run < 18; run++) {
    let started = performance.now();
    linkText(text, dictionary);
    if (run >= 3) textOnly.push(performance.now() - started);
    started = performance.now();
    await linkDocument(store, text);
    if (run >= 3) withDictionary.push(performance.now() - started);
  }
  await store.close();
  process.stdout.write(
    `linking a ${(Buffer.byteLength(text) / 1000).toFixed(1)} kB document: median ${median(textOnly).toFixed(1)} ms (max ${Math.max(...textOnly).toFixed(1)}), ` +
      `${median(withDictionary).toFixed(1)} ms with the dictionary built from the store (max ${Math.max(...withDictionary).toFixed(1)})\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`eval:linking failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
