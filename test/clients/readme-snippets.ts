import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One fenced code block of the README: its info string (`ts`, `json`, …) and its text. */
export interface Snippet {
  lang: string;
  code: string;
}

/** The project's README, as a reader sees it. */
export const README = path.join(__dirname, '../../README.md');

/**
 * The fenced code blocks of one `## <heading>` section of the README, in order. Throws when the
 * section is missing, so a renamed heading fails the tests that run its snippets rather than
 * running none.
 */
export function readmeSnippets(heading: string): Snippet[] {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section.`);
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, code]) => ({ lang: lang!, code: code! }));
}

/** The one snippet of `snippets` in `lang` that contains `marker`; throws unless there is exactly one. */
export function snippetWith(snippets: Snippet[], lang: string, marker: string): string {
  const found = snippets.filter((snippet) => snippet.lang === lang && snippet.code.includes(marker));
  if (found.length !== 1) throw new Error(`README.md's Clients section has ${found.length} \`${lang}\` snippets with "${marker}"; expected 1.`);
  return found[0]!.code;
}
