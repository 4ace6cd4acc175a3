import type { NodeType } from '../domain/node-types';
import { isAllowedEdge } from '../domain/edge-types';
import { parseGlobalId } from '../domain/node-types';
import { findResolutionSymbols } from '../domain/resolution-symbols';
import type { NameDictionary } from './name-dictionary';
import { splitParagraphs } from './split-paragraphs';

/** How a mention was recognised; the public `MentionMethod`. */
export type MentionMethod = 'symbol' | 'code' | 'name' | 'variant' | 'context';
export type ProposedLinkType = 'NAMES' | 'ASKS' | 'MANDATES';

export interface TextMention {
  nodeId: string;
  surface: string;
  /** UTF-16 offsets into the paragraph's text, end exclusive. */
  start: number;
  end: number;
  confidence: number;
  method: MentionMethod;
}

export interface ProposedLink {
  type: ProposedLinkType;
  nodeId: string;
  /** The mention the link rests on (an index into the paragraph's mentions). */
  mention: number;
  /** The governing verb for ASKS / MANDATES, with its offsets in the paragraph; null for NAMES. */
  evidence: { verb: string; start: number; end: number } | null;
}

export interface LinkedText {
  number: string;
  text: string;
  heading: boolean;
  footnote: boolean;
  mentions: TextMention[];
  proposedLinks: ProposedLink[];
}

export interface UnresolvedName {
  surface: string;
  kind: 'symbol' | 'title' | 'acronym';
  /** Labels of the paragraphs it occurs in, in order, once each. */
  paragraphs: string[];
  count: number;
}

export interface DocumentLinkResult {
  paragraphs: LinkedText[];
  footnotes: LinkedText[];
  unresolved: UnresolvedName[];
}

/**
 * Links a document's text to the graph, paragraph by paragraph: splits it
 * (`splitParagraphs`), finds resolution citations (`findResolutionSymbols`),
 * action line codes, SDG goals and targets and GDC objectives and
 * commitments by pattern, then every name the dictionary holds, leftmost
 * longest first so that `国际电联理事会` is the Council and not ITU; proposes
 * `ASKS` / `MANDATES` where a verb of request or mandate governs a mentioned
 * body in the same clause, `NAMES` otherwise; and lists what it could not
 * resolve. Pure: the same text and dictionary give the same answer.
 */
export function linkText(text: string, dictionary: NameDictionary): DocumentLinkResult {
  const split = splitParagraphs(text);
  const unresolved = new Map<string, UnresolvedName>();
  const linked = split.map((paragraph) => {
    const mentions = findMentions(paragraph.text, dictionary, (surface, kind) => {
      const entry = unresolved.get(surface) ?? { surface, kind, paragraphs: [], count: 0 };
      if (!entry.paragraphs.includes(paragraph.number)) entry.paragraphs.push(paragraph.number);
      entry.count++;
      unresolved.set(surface, entry);
    });
    return { ...paragraph, mentions, proposedLinks: proposeLinks(paragraph.text, mentions) };
  });
  return {
    paragraphs: linked.filter((p) => !p.footnote),
    footnotes: linked.filter((p) => p.footnote),
    unresolved: [...unresolved.values()],
  };
}

type Report = (surface: string, kind: UnresolvedName['kind']) => void;

function findMentions(text: string, dictionary: NameDictionary, report: Report): TextMention[] {
  const mentions: TextMention[] = [];
  const taken: [number, number][] = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  const take = (mention: TextMention) => {
    mentions.push(mention);
    taken.push([mention.start, mention.end]);
  };

  for (const symbol of findResolutionSymbols(text)) {
    const id = symbol.candidates.map((code) => `Resolution:${code}`).find((candidate) => dictionary.has(candidate));
    if (id) take({ nodeId: id, surface: symbol.surface, start: symbol.start, end: symbol.end, confidence: symbol.explicit ? 0.98 : 0.85, method: 'symbol' });
    else {
      taken.push([symbol.start, symbol.end]);
      report(symbol.surface, 'symbol');
    }
  }
  for (const found of findNumbered(text)) {
    if (!free(found.start, found.end)) continue;
    if (dictionary.has(found.nodeId)) take(found);
  }
  const actionLineContext = ACTION_LINE_CONTEXT.test(text);
  const themeContext = THEME_CONTEXT.test(text);
  for (const found of findNames(text, dictionary, free)) {
    const type = parseGlobalId(found.nodeId)?.type;
    // An action line's or theme's name is also an everyday phrase (能力建设, 媒体, 融资机制): only where the paragraph speaks of them.
    if (type === 'ActionLine' || type === 'Theme') {
      if (!(type === 'ActionLine' ? actionLineContext : themeContext)) continue;
      take({ ...found, method: 'context', confidence: 0.8 });
      continue;
    }
    take(found);
  }
  for (const match of text.matchAll(UN_DOCUMENT_SYMBOL)) {
    if (free(match.index, match.index + match[0].length)) report(match[0], 'symbol');
  }
  for (const match of text.matchAll(TITLE)) {
    const inner = match.index + 1;
    if (free(inner, inner + match[1]!.length)) report(match[0], 'title');
  }
  for (const match of text.matchAll(ACRONYM_IN_PARENS)) {
    const at = match.index + match[0].indexOf(match[1]!);
    if (!STOP_ACRONYMS.has(match[1]!) && free(at, at + match[1]!.length)) report(match[1]!, 'acronym');
  }
  return mentions.sort((a, b) => a.start - b.start);
}

const ACTION_LINE_CONTEXT = /行动方面|[Aa]ction [Ll]ines?|(?<![A-Za-z0-9/])C(?:1[01]|[1-9])(?![0-9])/u;
const THEME_CONTEXT = /突尼斯议程|Tunis Agenda/u;
const UN_DOCUMENT_SYMBOL = /(?<![A-Za-z0-9/])[AE]\/(?:RES\/)?\d{2,4}\/[A-Za-z0-9.]+(?:\/[A-Za-z0-9.]+)*/gu;
const TITLE = /《([^》]{2,60})》/gu;
const ACRONYM_IN_PARENS = /[（(]([A-Z][A-Za-z0-9&+-]{1,15})[）)]/gu;
// Generic terms printed in parentheses that are not names of anything the graph could hold.
const STOP_ACRONYMS = new Set(['ICT', 'ICTs', 'AI', 'SDG', 'SDGs', 'IoT', 'PP', 'BR', 'TSB', 'LDC', 'LLDC', 'SIDS', 'DPI', 'CCA', 'MSN', 'UN']);

/** Action lines by code, SDG goals and targets, GDC objectives and commitments: found by their printed numbers. */
function findNumbered(text: string): TextMention[] {
  const found: TextMention[] = [];
  const push = (nodeId: string, start: number, end: number) =>
    found.push({ nodeId, surface: text.slice(start, end), start, end, confidence: 0.95, method: 'code' });
  for (const m of text.matchAll(/(?<![A-Za-z0-9/.])C(1[01]|[1-9])(?:\.(e-[a-z]+))?(?![0-9]|\s*\/)/gu)) {
    push(m[2] ? `ActionLine:C${m[1]}.${m[2]}` : `ActionLine:C${m[1]}`, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(/(?:可持续发展目标|SDGs?|[Gg]oals?|[Tt]argets?|具体目标|目标)\s*(\d{1,2})\.(\d{1,2}|[a-z])(?![0-9A-Za-z])/gu)) {
    push(`SdgTarget:${Number(m[1])}.${m[2]}`, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(/(?:可持续发展目标|SDG|[Ss]ustainable [Dd]evelopment [Gg]oal|\bGoal)\s*(\d{1,2})(?![0-9.]|\s*项)/gu)) {
    push(`SdgGoal:${Number(m[1])}`, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(/(?:GDC|Global Digital Compact|全球数字契约》?)\s*(?:的)?\s*(?:[Oo]bjective|目标)\s*(\d)(?![0-9])/gu)) {
    push(`GdcObjective:${m[1]}`, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(/(?:GDC|Global Digital Compact|全球数字契约》?)\s*(?:,\s*)?(?:第|paragraph|para\.?)\s*(\d{1,2}(?:\([a-z]\))?)\s*段?/gu)) {
    push(`GdcCommitment:${m[1]}`, m.index, m.index + m[0].length);
  }
  return found;
}

/** Leftmost-longest scan of the folded text for dictionary names. */
function findNames(text: string, dictionary: NameDictionary, free: (start: number, end: number) => boolean): TextMention[] {
  const { folded, from, to } = fold(text);
  const found: TextMention[] = [];
  let at = 0;
  while (at < folded.length) {
    let matched = 0;
    for (const entry of dictionary.startingAt(folded, at)) {
      if (!folded.startsWith(entry.text, at)) continue;
      const start = from[at]!;
      const end = to[at + entry.text.length - 1]!;
      const surface = text.slice(start, end);
      if (!atBoundaries(folded, at, at + entry.text.length) || !free(start, end)) continue;
      if (entry.caseSensitive && /\p{Ll}/u.test(surface)) continue;
      // ITU-R, PP-22, WTDC-22: another designation (a sector, a meeting) built on the acronym.
      if (entry.caseSensitive && /^-[A-Za-z0-9]/u.test(text.slice(end, end + 2))) continue;
      if (entry.quoted && text[start - 1] !== '《') continue;
      if (isCompoundTail(text, start, entry.text)) continue;
      const short = [...entry.text].length <= 2;
      const confidence = entry.method === 'code' ? 0.9 : entry.method === 'name' ? (short ? 0.8 : 0.92) : short ? 0.7 : 0.88;
      found.push({ nodeId: entry.ids[0]!, surface, start, end, confidence, method: entry.method });
      matched = entry.text.length;
      break;
    }
    at += matched > 0 ? matched : 1;
  }
  return found;
}

const LATIN = /[a-z0-9\u00c0-\u024f\u0400-\u04ff]/;

function atBoundaries(folded: string, start: number, end: number): boolean {
  if (LATIN.test(folded[start]!) && start > 0 && LATIN.test(folded[start - 1]!)) return false;
  if (LATIN.test(folded[end - 1]!) && end < folded.length && LATIN.test(folded[end]!)) return false;
  return true;
}

const CJK = /\p{Script=Han}/u;
// Characters after which a two-character name starts a word of its own (的大会 is the Assembly; 缔约方大会 is not).
const WORD_START_AFTER = new Set([...'的在和与及、由向对请并将于为是了届被其经']);

/** Whether a two-character Chinese name is the tail of a longer word (`缔约方大会`) rather than a name. */
function isCompoundTail(text: string, start: number, name: string): boolean {
  if ([...name].length > 2 || !CJK.test(name)) return false;
  const before = text[start - 1];
  return before !== undefined && CJK.test(before) && !WORD_START_AFTER.has(before);
}

/**
 * `normaliseText`, one character at a time, with each folded character's
 * source offsets (`from` its first UTF-16 unit, `to` past its last), so a
 * match in the folded text maps back to the original.
 */
export function fold(text: string): { folded: string; from: number[]; to: number[] } {
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  let index = 0;
  for (const char of text) {
    const next = index + char.length;
    const out = foldChar(char);
    for (const c of out) {
      if (c === ' ' && (folded === '' || folded.endsWith(' '))) continue;
      folded += c;
      from.push(index);
      to.push(next);
    }
    index = next;
  }
  return { folded, from, to };
}

const PUNCTUATION_OR_SPACE = /^[\s\p{P}\p{S}]+$/u;
const foldCache = new Map<string, string>();

// Chinese characters and ASCII letters and digits (nearly all of a text) fold trivially; the rest is cached.
function foldChar(char: string): string {
  const code = char.codePointAt(0)!;
  if (code >= 0x4e00 && code <= 0x9fff) return char;
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return char;
  if (code >= 0x41 && code <= 0x5a) return char.toLowerCase();
  let out = foldCache.get(char);
  if (out === undefined) {
    out = char.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFKC').toLowerCase();
    if (out === '' || PUNCTUATION_OR_SPACE.test(out)) out = ' ';
    if (foldCache.size < 10_000) foldCache.set(char, out);
  }
  return out;
}

const ASK_VERBS = /(?:请求|邀请|恳请|呼吁|鼓励|敦促|要求|请|[Rr]equests?|[Ii]nvites?|[Cc]alls? upon|[Cc]alls? on|[Ee]ncourages?|[Uu]rges?)/gu;
const MANDATE_VERBS = /(?:责成|授权|委托|[Dd]ecides? that|[Mm]andates?|[Ee]ntrusts?|[Ii]nstructs?|[Dd]esignates?|[Tt]asks?)/gu;
const PASSIVE_BEFORE = /[被受应]|\b(?:is|are|was|were|been|be)\s*$/u;
// What may stand between a verb and its object, or between two objects joined as one ("请国际电联和教科文组织").
const OBJECT_GAP = /^(?:\s|并|和|及|与|、|以及|其|the|also|further|all|both|and|,|，)*$/u;

/**
 * One proposed link per mentioned node: ASKS or MANDATES when a verb of
 * request or mandate governs the mention — the mention is the verb's object
 * (nothing but articles and conjunctions between them, `请国际电联理事会`,
 * `requests the Secretary-General`) or joined to such an object
 * (`请国际电联和教科文组织`), the verb is not passive (`被邀请`) — and the
 * vocabulary allows the link from a paragraph to that node's type; NAMES
 * otherwise.
 */
function proposeLinks(text: string, mentions: readonly TextMention[]): ProposedLink[] {
  const verbs: { verb: string; start: number; end: number; type: 'ASKS' | 'MANDATES' }[] = [];
  for (const m of text.matchAll(ASK_VERBS)) verbs.push({ verb: m[0], start: m.index, end: m.index + m[0].length, type: 'ASKS' });
  for (const m of text.matchAll(MANDATE_VERBS)) verbs.push({ verb: m[0], start: m.index, end: m.index + m[0].length, type: 'MANDATES' });
  const active = verbs.filter((v) => !PASSIVE_BEFORE.test(text.slice(Math.max(0, v.start - 6), v.start).slice(-1)) && !/\b(?:is|are|was|were|been|be)\s*$/u.test(text.slice(Math.max(0, v.start - 8), v.start)));
  const links = new Map<string, ProposedLink>();
  let previous: { end: number; verb: (typeof verbs)[number] } | null = null;
  mentions.forEach((mention, index) => {
    const type = parseGlobalId(mention.nodeId)?.type as NodeType;
    let governing = active
      .filter((v) => v.end <= mention.start && OBJECT_GAP.test(text.slice(v.end, mention.start)))
      .sort((a, b) => b.end - a.end)[0];
    if (!governing && previous && OBJECT_GAP.test(text.slice(previous.end, mention.start))) governing = previous.verb;
    previous = governing ? { end: mention.end, verb: governing } : null;
    if (governing && !isAllowedEdge(governing.type, 'Paragraph', type)) governing = undefined;
    const proposal: ProposedLink = governing
      ? { type: governing.type, nodeId: mention.nodeId, mention: index, evidence: { verb: governing.verb, start: governing.start, end: governing.end } }
      : { type: 'NAMES', nodeId: mention.nodeId, mention: index, evidence: null };
    const key = `${proposal.type}|${proposal.nodeId}`;
    const stronger = links.get(`ASKS|${mention.nodeId}`) ?? links.get(`MANDATES|${mention.nodeId}`);
    if (proposal.type === 'NAMES' && stronger) return;
    if (proposal.type !== 'NAMES') links.delete(`NAMES|${mention.nodeId}`);
    if (!links.has(key)) links.set(key, proposal);
  });
  return [...links.values()];
}
