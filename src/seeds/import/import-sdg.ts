import type { SourceRef } from '../../domain/graph-records';
import type { Lang, LocalizedText } from '../../domain/lang';
import { toGlobalId } from '../../domain/node-types';
import type { LangKey, ReferenceData, SdgFramework, Texts } from './reference-data';
import { toConfidence, type SeedBuilder } from './seed-builder';

/** The data's language keys, mapped to the graph's (`zh-Hans` is `zh`). */
const LANG_KEYS: readonly [LangKey, Lang][] = [
  ['ar', 'ar'],
  ['zh-Hans', 'zh'],
  ['en', 'en'],
  ['fr', 'fr'],
  ['ru', 'ru'],
  ['es', 'es'],
];

/**
 * Goals, targets and indicators of the SDG framework (2023 refinement), from
 * `sdg/sdg_framework.json`. An indicator listed under several targets (12
 * repeat groups) is ONE node, coded by its first listing in framework order,
 * with an INDICATOR_OF edge to every target it is listed under.
 */
export function importSdg(data: ReferenceData, b: SeedBuilder): void {
  const sdg = data.sdg;
  const refFor = (key: string | null | undefined): SourceRef | undefined => sourceRefOf(sdg, key);

  for (const goal of sdg.goals) {
    const props: Record<string, string> = {};
    for (const [key, lang] of LANG_KEYS) {
      const short = goal.short_name[key];
      if (short) props[`shortName_${lang}`] = short;
    }
    const colour = goal.colour;
    if (typeof colour.hex_unstats_sdgs_data === 'string') props.colour = colour.hex_unstats_sdgs_data;
    if (typeof colour.hex_un_sdg_brand === 'string') props.colourBrand = colour.hex_un_sdg_brand;
    const notes = [
      'colour: UNStats-SDGs/sdgs-data goals/en/all.json (source); colourBrand: UN SDG brand palette, recalled (not seen in a stored source)',
    ];
    if (colour.values_differ === true) notes.push('the two colour sets differ for this goal');
    if (Object.keys(goal.text_variants).length > 0) notes.push('the two open-sdg repositories word this title differently in some language; the UN-created text was kept');
    b.addNode('nodes/sdg-goal.json', 'SdgGoal', goal.code, localized(goal.title), props, {
      sources: titleSources(goal.title_source, refFor, [refFor('UNSTATS_SDGS_DATA')]),
      confidence: toConfidence(goal.confidence),
      notes,
    });
  }

  for (const target of sdg.targets) {
    const id = b.addNode(
      'nodes/sdg-target.json',
      'SdgTarget',
      target.code,
      localized(target.title),
      { goal: target.goal, kind: target.kind },
      {
        sources: titleSources(target.title_source, refFor),
        confidence: toConfidence(target.confidence),
        notes: target.indicator_codes.length === 0 ? ['no indicator is listed under this target in the 2023 framework'] : undefined,
      },
    );
    b.addEdge('edges/sdg-structure.json', 'TARGET_OF', id, toGlobalId('SdgGoal', target.goal), {}, {
      sources: [refFor('UNSD_GIF_2023') ?? { document: 'A/RES/71/313' }],
      confidence: 'source',
    });
  }

  // group listings by UNSD code, in framework order
  const byUnsd = new Map<string, SdgFramework['indicators']>();
  for (const listing of sdg.indicators) {
    const group = byUnsd.get(listing.unsd_indicator_code);
    if (group) group.push(listing);
    else byUnsd.set(listing.unsd_indicator_code, [listing]);
  }
  for (const [unsdCode, listings] of byUnsd) {
    const first = listings[0];
    if (!first) continue;
    const flags: string[] = [];
    for (const listing of listings) {
      for (const [key, lang] of LANG_KEYS) {
        for (const flag of listing.translation_flags[key] ?? []) {
          flags.push(listings.length > 1 ? `${flag}:${lang}@${listing.code}` : `${flag}:${lang}`);
        }
      }
    }
    const notes: string[] = [];
    if (listings.length > 1) {
      notes.push(
        `one indicator listed under ${listings.length} targets (${listings.map((l) => l.code).join(', ')}); titles are those of the first listing (${first.code}); translations of the other listings may differ slightly`,
      );
    }
    const id = b.addNode(
      'nodes/sdg-indicator.json',
      'SdgIndicator',
      first.code,
      localized(first.title),
      { unsdCode, listedAs: listings.map((l) => l.code), target: first.target, goal: first.goal },
      {
        sources: titleSources(first.title_source, refFor),
        confidence: toConfidence(first.confidence),
        flags,
        notes,
      },
    );
    for (const listing of listings) {
      b.addEdge(
        'edges/sdg-structure.json',
        'INDICATOR_OF',
        id,
        toGlobalId('SdgTarget', listing.target),
        { listedAs: listing.code },
        { sources: [refFor('UNSD_GIF_2023') ?? { document: 'A/RES/71/313' }], confidence: 'source' },
      );
    }
  }
}

function localized(texts: Texts): LocalizedText {
  const out: Partial<Record<Lang, string>> = {};
  for (const [key, lang] of LANG_KEYS) {
    const text = texts[key];
    if (text) out[lang] = text;
  }
  if (!out.en) throw new Error(`an SDG record has no English title: ${JSON.stringify(texts)}`);
  return out as LocalizedText;
}

/** The distinct sources the titles of one record came from (UNSD first), plus `extra`. */
function titleSources(
  titleSource: Texts,
  refFor: (key: string | null | undefined) => SourceRef | undefined,
  extra: (SourceRef | undefined)[] = [],
): SourceRef[] {
  const keys = [...new Set(LANG_KEYS.map(([key]) => titleSource[key]).filter((k): k is string => !!k))];
  const refs = [...keys.map(refFor), ...extra].filter((r): r is SourceRef => r !== undefined);
  return refs.length > 0 ? refs : [{ document: 'A/RES/71/313' }];
}

function sourceRefOf(sdg: SdgFramework, key: string | null | undefined): SourceRef | undefined {
  if (!key) return undefined;
  const source = sdg.sources[key];
  if (!source) return undefined;
  if (source.repo) {
    const where = `github:${source.repo}${source.path ? ` ${source.path}` : ' translations/<lang>/global_*.yml'}${source.commit ? ` (${source.commit.slice(0, 12)})` : ''}`;
    return source.original_url ? { document: where, url: source.original_url } : { document: where };
  }
  return { document: source.what };
}
