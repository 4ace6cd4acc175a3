/**
 * Resolution symbols as UN and ITU documents print them, in Chinese and
 * English, read back to the dataset's resolution codes:
 *
 *   A/RES/70/125, 第70/125号决议, resolution 70/125        → A/RES/70/125
 *   E/RES/2006/46, 经社理事会第2006/46号决议, ECOSOC resolution 2006/46 → E/RES/2006/46
 *   亚太经社会第72/10号决议, ESCAP resolution 72/10          → ESCAP-RES-72/10
 *   第140号决议（2022年，布加勒斯特，修订版）, Resolution 140 (Rev. Bucharest, 2022) → ITU-PP-RES-140
 *   理事会第1332号决议, Council Resolution 1332              → ITU-COUNCIL-RES-1332
 *   WTDC第30号决议, WTSA第75号决议, ITU-R第61-2号决议        → ITU-WTDC-RES-30, ITU-WTSA-RES-75, ITU-R-RES-61
 *
 * A bare ITU number (`第73号决议`) names no body: its candidates are every
 * ITU body's resolution of that number, most likely first (the venue, when
 * printed, decides: Bucharest is a Plenipotentiary, Kigali a WTDC), and the
 * caller keeps the one the graph holds. UN numbering: a session number below
 * 1946 is the General Assembly's, a year is ECOSOC's (its resolutions are
 * numbered by year).
 */
export interface SymbolMention {
  /** Offsets in the text (UTF-16, end exclusive) of the whole citation. */
  start: number;
  end: number;
  surface: string;
  /** Dataset codes this citation may mean, best first. */
  candidates: string[];
  /** Whether the citation names its body or series (`A/RES/…`, `理事会第…`), rather than the body being guessed. */
  explicit: boolean;
}

const ITU_BODY_CODES: Record<string, string> = {
  PP: 'ITU-PP-RES',
  COUNCIL: 'ITU-COUNCIL-RES',
  WTDC: 'ITU-WTDC-RES',
  WTSA: 'ITU-WTSA-RES',
  R: 'ITU-R-RES',
};

// Venues of ITU conferences as the documents print them, to the body that met there.
const VENUES: Record<string, keyof typeof ITU_BODY_CODES> = {
  布加勒斯特: 'PP', bucharest: 'PP', 瓜达拉哈拉: 'PP', guadalajara: 'PP', 明尼阿波利斯: 'PP', minneapolis: 'PP',
  釜山: 'PP', busan: 'PP', 安塔利亚: 'PP', antalya: 'PP', 马拉喀什: 'PP', marrakesh: 'PP', 京都: 'PP', kyoto: 'PP',
  基加利: 'WTDC', kigali: 'WTDC', 布宜诺斯艾利斯: 'WTDC', 'buenos aires': 'WTDC', 海得拉巴: 'WTDC', hyderabad: 'WTDC',
  沙姆沙伊赫: 'R', 'sharm el-sheikh': 'R',
};

const UN_PREFIX = String.raw`(?<unBody>经社理事会|经济及社会理事会|经济与社会理事会|联合国经社理事会|ECOSOC|亚太经社会|ESCAP|联合国大会|联大|大会|General Assembly|Economic and Social Council)?\s*`;
const ITU_PREFIX = String.raw`(?<ituBody>国际电联全权代表大会|全权代表大会|PP|国际电联理事会|理事会|Council|WTDC|世界电信发展大会|WTSA|世界电信标准化全会|ITU-R|无线电通信全会)?\s*`;

const PATTERNS: { re: RegExp; read: (groups: Record<string, string | undefined>) => Omit<SymbolMention, 'start' | 'end' | 'surface'> | null }[] = [
  // A/RES/70/125, E/RES/2006/46 (also A/RES/ES-10/1 style sessions are out of scope)
  {
    re: /(?<series>[AE])\s*\/\s*RES\s*\/\s*(?<a>\d{1,4})\s*\/\s*(?<b>\d{1,4})(?!\d)/giu,
    read: (g) => ({ candidates: [`${g.series!.toUpperCase()}/RES/${Number(g.a)}/${Number(g.b)}`], explicit: true }),
  },
  // 联大A/70/125决议: a document symbol cited as a resolution
  {
    re: /(?<![A-Za-z/])A\/(?<a>\d{2})\/(?<b>\d{1,3})(?=\s*(?:号)?决议)/gu,
    read: (g) => ({ candidates: [`A/RES/${Number(g.a)}/${Number(g.b)}`], explicit: false }),
  },
  // 第70/125号决议, 经社理事会第2006/46号决议, 亚太经社会第72/10号决议
  {
    re: new RegExp(UN_PREFIX + String.raw`第\s*(?<a>\d{1,4})\s*\/\s*(?<b>\d{1,4})\s*号决议`, 'gu'),
    read: (g) => unNumbered(g.unBody, g.a!, g.b!),
  },
  // resolution 70/125, ECOSOC resolution 2006/46, ESCAP resolution 72/10
  {
    re: new RegExp(UN_PREFIX + String.raw`[Rr]esolutions?\s+(?<a>\d{1,4})\s*\/\s*(?<b>\d{1,4})(?!\d)`, 'gu'),
    read: (g) => unNumbered(g.unBody, g.a!, g.b!),
  },
  // 第140号决议（2022年，布加勒斯特，修订版）, 理事会第1332号决议, ITU-R第61-2号决议
  {
    re: new RegExp(ITU_PREFIX + String.raw`第\s*(?<n>\d{1,4})(?:-\d+)?\s*号决议(?:\s*[（(](?<venue>[^）)]{0,40})[）)])?`, 'gu'),
    read: (g) => ituNumbered(g.ituBody, g.n!, g.venue),
  },
  // Resolution 140 (Rev. Bucharest, 2022), Council Resolution 1332, Resolution ITU-R 74, WTDC Resolution 30
  {
    re: new RegExp(ITU_PREFIX + String.raw`Resolution\s+(?:(?<series>ITU-R)\s+)?(?<n>\d{1,4})(?:-\d+)?(?![\d/])(?:\s*\((?<venue>[^)]{0,40})\))?`, 'gu'),
    read: (g) => ituNumbered(g.series ?? g.ituBody, g.n!, g.venue),
  },
];

// 理事会第1332和1334号决议: one citation of several numbers of one body.
const ITU_LIST = new RegExp(ITU_PREFIX + String.raw`第\s*(?<first>\d{1,4})(?<rest>(?:\s*[和、及,，]\s*\d{1,4})+)\s*号决议`, 'gu');

/** Every resolution citation in `text`, in text order, overlaps resolved to the earliest, then longest. */
export function findResolutionSymbols(text: string): SymbolMention[] {
  const found: SymbolMention[] = [];
  ITU_LIST.lastIndex = 0;
  for (let match = ITU_LIST.exec(text); match !== null; match = ITU_LIST.exec(text)) {
    const body = match.groups?.ituBody;
    const firstAt = match.index + match[0].indexOf(match.groups!.first!, match[0].indexOf('第'));
    const firstEnd = firstAt + match.groups!.first!.length;
    found.push({ start: match.index, end: firstEnd, surface: text.slice(match.index, firstEnd), ...ituNumbered(body, match.groups!.first!, undefined) });
    let from = firstEnd;
    for (const number of match.groups!.rest!.match(/\d{1,4}/gu) ?? []) {
      const at = text.indexOf(number, from);
      found.push({ start: at, end: at + number.length, surface: number, ...ituNumbered(body, number, undefined) });
      from = at + number.length;
    }
  }
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    for (let match = re.exec(text); match !== null; match = re.exec(text)) {
      const read_ = read(match.groups ?? {});
      if (!read_) continue;
      found.push({ start: match.index, end: match.index + match[0].length, surface: match[0], ...read_ });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SymbolMention[] = [];
  for (const mention of found) {
    const last = kept[kept.length - 1];
    if (last && mention.start < last.end) continue;
    kept.push(mention);
  }
  return kept.map(trimLeadingSpace);
}

function unNumbered(body: string | undefined, a: string, b: string): Omit<SymbolMention, 'start' | 'end' | 'surface'> | null {
  const first = Number(a);
  const second = Number(b);
  if (body && /亚太经社会|ESCAP/.test(body)) return { candidates: [`ESCAP-RES-${first}/${second}`], explicit: true };
  const ecosoc = body !== undefined && /经社|经济|ECOSOC|Economic/.test(body);
  if (ecosoc || first >= 1946) return { candidates: [`E/RES/${first}/${second}`], explicit: ecosoc };
  return { candidates: [`A/RES/${first}/${second}`], explicit: body !== undefined };
}

function ituNumbered(body: string | undefined, n: string, venue: string | undefined): Omit<SymbolMention, 'start' | 'end' | 'surface'> {
  const number = Number(n);
  const named = body ? ituBodyOf(body) : undefined;
  if (named) return { candidates: [`${ITU_BODY_CODES[named]}-${number}`], explicit: true };
  const venueKey = venue ? Object.keys(VENUES).find((key) => venue.toLowerCase().includes(key)) : undefined;
  const order: (keyof typeof ITU_BODY_CODES)[] = venueKey ? [VENUES[venueKey]!] : [];
  // Council resolutions are numbered from 1000 up; a smaller bare number is most often the Plenipotentiary's.
  for (const key of number >= 1000 ? (['COUNCIL', 'PP'] as const) : (['PP', 'WTDC', 'WTSA', 'R', 'COUNCIL'] as const)) {
    if (!order.includes(key)) order.push(key);
  }
  return { candidates: order.map((key) => `${ITU_BODY_CODES[key]}-${number}`), explicit: venueKey !== undefined };
}

function ituBodyOf(body: string): keyof typeof ITU_BODY_CODES | undefined {
  if (/全权|^PP$/.test(body)) return 'PP';
  if (/理事会|Council/.test(body)) return 'COUNCIL';
  if (/WTDC|发展大会/.test(body)) return 'WTDC';
  if (/WTSA|标准化全会/.test(body)) return 'WTSA';
  if (/ITU-R|无线电通信全会/.test(body)) return 'R';
  return undefined;
}

function trimLeadingSpace(mention: SymbolMention): SymbolMention {
  const skipped = mention.surface.length - mention.surface.trimStart().length;
  if (skipped === 0) return mention;
  return { ...mention, start: mention.start + skipped, surface: mention.surface.slice(skipped) };
}
