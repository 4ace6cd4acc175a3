/**
 * The numbered paragraphs of a UN or ITU text, as printed: `1.`, `1.1`,
 * `23.`, `(a)`, `a)`, `i)`, `一`, `一、`, `A.`, bullets, with their label
 * kept as printed (`"1.1"`, `"(a)"`, `"一"`); unlabelled lines become
 * paragraphs of their own, labelled by position (`"¶7"`). Footnotes are kept
 * apart: a `[footnoteRef:n]` marker is cut from its paragraph and the note
 * (`[n: text]`) becomes a footnote with the label `"fn1"`; rules (`____`)
 * are dropped.
 *
 * Offsets are UTF-16 indexes into `text` as returned here: each paragraph's
 * `text` is its line with the label, a leading `[bookmark: …]` and footnote
 * markers cut off, so a mention's offsets are offsets into that text.
 */
export interface SplitParagraph {
  /** The paragraph's own label as printed, or `¶<n>` for an unlabelled one. */
  number: string;
  text: string;
  /** Whether this is a section heading (a short labelled line without a sentence end). */
  heading: boolean;
  footnote: boolean;
}

const LABEL = new RegExp(
  [
    String.raw`^(?<num>\d{1,3}(?:\.\d{1,3}){0,3})(?:[.)、]|\t|\s{2,}|\s(?=\S))`, // 1. 1.1 2.10 23)
    String.raw`^[（(](?<paren>[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})[）)]`, // (a) (iv) (1)
    String.raw`^(?<letter>[a-z]{1,2}|[ivxlc]{1,6})[)）]`, // a) iv)
    String.raw`^(?<cn>[一二三四五六七八九十]{1,3})(?:[、.．]|\t|\s)`, // 一、 二 …
    String.raw`^(?<upper>[A-Z])[.．](?=\s)`, // A. B.
  ].join('|'),
  'u',
);
const BOOKMARK = /^(?:\[bookmark:[^\]]*\]\s*)+/u;
const FOOTNOTE_REF = /\[footnoteRef:(\d+)\]/gu;
const FOOTNOTE_BODY = /\[(\d+):\s*([^\]]*)\]/gu;
const BULLET = /^[•▪✓·\-–]\s*/u;

/** Splits `text` into its paragraphs and footnotes, in reading order; blank lines dropped. */
export function splitParagraphs(text: string): SplitParagraph[] {
  const paragraphs: SplitParagraph[] = [];
  const footnotes: SplitParagraph[] = [];
  let unlabelled = 0;
  // Whether the last paragraph is an unlabelled line that a fragment may continue.
  let joinable = false;
  for (const rawLine of text.split(/\r?\n/u)) {
    let line = rawLine.replace(BOOKMARK, '').trim();
    for (const match of line.matchAll(FOOTNOTE_BODY)) {
      footnotes.push({ number: `fn${match[1]}`, text: match[2]!.trim(), heading: false, footnote: true });
    }
    line = line.replace(FOOTNOTE_BODY, '').replace(FOOTNOTE_REF, '').replace(BOOKMARK, '').trim();
    if (line === '') continue;
    if (/^_{3,}$/u.test(line)) continue;
    const label = LABEL.exec(line);
    const groups = label?.groups;
    const number = groups ? (groups.num ?? (groups.paren ? `(${groups.paren})` : undefined) ?? (groups.letter ? `(${groups.letter})` : undefined) ?? groups.cn ?? groups.upper) : undefined;
    if (label && number !== undefined) {
      const body = line.slice(label[0].length).trim();
      if (body === '') continue;
      paragraphs.push({ number, text: body, heading: isHeading(body), footnote: false });
      joinable = false;
      continue;
    }
    const bullet = BULLET.test(line);
    const body = line.replace(BULLET, '').trim();
    if (body === '') {
      joinable = false;
      continue;
    }
    const last = paragraphs[paragraphs.length - 1];
    if (!bullet && joinable && last && isFragmentPair(last.text, body)) {
      last.text = joinFragments(last.text, body);
      continue;
    }
    unlabelled++;
    paragraphs.push({ number: `¶${unlabelled}`, text: body, heading: false, footnote: false });
    joinable = true;
    continue;
  }
  return [...paragraphs, ...footnotes];
}

/**
 * Slides and PDF extracts break a sentence into lines of a few characters
 * (`经社理事会第` / `2006/46` / `号决议`): a line continues the previous
 * unlabelled one when either is such a fragment (at most 12 characters) and
 * the previous one does not end a sentence.
 */
const FRAGMENT = 12;
function isFragmentPair(previous: string, line: string): boolean {
  if (/[。；！？.;!?]$/u.test(previous)) return false;
  const lastLine = previous.slice(previous.lastIndexOf('\n') + 1);
  return [...line].length <= FRAGMENT || [...lastLine].length <= FRAGMENT;
}

// Joined without a space between Chinese characters (a name may run across the break), with one otherwise.
function joinFragments(previous: string, line: string): string {
  const cjk = /[\p{Script=Han}（）《》“”]$/u.test(previous) || /^[\p{Script=Han}（）《》“”]/u.test(line);
  return cjk ? previous + line : `${previous} ${line}`;
}

// A heading is short and does not end as a sentence does.
function isHeading(body: string): boolean {
  return body.length <= 40 && !/[。.;；:：]$/u.test(body) && !/[。；]/u.test(body);
}
