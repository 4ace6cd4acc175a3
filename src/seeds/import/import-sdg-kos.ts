import type { GraphNode, SourceRef } from '../../domain/graph-records';
import { toGlobalId } from '../../domain/node-types';
import type { KosLinksFile } from './reference-data';
import type { SeedBuilder } from './seed-builder';

/**
 * The UN SDG KOS identifiers (`http://metadata.un.org/sdg/…`) of every goal,
 * target and indicator, from `sdg/sdg_kos_links.json`, written onto the nodes
 * the SDG importer made:
 *
 *   uri            the KOS concept URI
 *   uriConfidence  `source` (read in the 2020-05 KOS dump) or `derived` (built
 *                  from the documented URI pattern: 31 indicator codes newer
 *                  than the dump; `uriMethod` says how)
 *   sameAs         exact matches the dump gives (UNEP SDGIO, Wikidata for goals)
 *
 * Indicators are matched by UNSD code (`unsdCode`), goals and targets by code.
 * A code with no KOS record, or a KOS record with no node, stops the import:
 * the two files describe the same framework and must agree.
 */
export function importSdgKos(kos: KosLinksFile, b: SeedBuilder): void {
  const dump = kosDumpRef(kos);
  for (const goal of kos.goals) {
    setIdentifiers(b, toGlobalId('SdgGoal', goal.code), goal.kos_uri, goal.confidence, [...(goal.sdgio ?? []), ...(goal.wikidata ?? [])], dump);
  }
  for (const target of kos.targets) {
    setIdentifiers(b, toGlobalId('SdgTarget', target.code), target.kos_uri, target.confidence, target.sdgio ?? [], dump);
  }
  for (const indicator of kos.indicators) {
    const code = indicator.dataset_listings[0];
    if (!code) throw new Error(`KOS indicator ${indicator.unsd_code} lists no dataset code`);
    const id = toGlobalId('SdgIndicator', code);
    const node = setIdentifiers(b, id, indicator.kos_uri, indicator.confidence, indicator.sdgio ?? [], dump);
    if (node.props.unsdCode !== indicator.unsd_code) {
      throw new Error(`${id} has UNSD code ${String(node.props.unsdCode)}, the KOS file ${indicator.unsd_code}`);
    }
    if (indicator.confidence === 'derived') {
      node.props.uriMethod =
        'built from the KOS URI pattern http://metadata.un.org/sdg/<UNSD code>; the code is newer than the 2020-05 KOS dump, not checked against the live KOS';
      const predecessors = (indicator.kos_2020_code_with_same_number ?? []).map((c) => `http://metadata.un.org/sdg/${c}`);
      // Likely predecessors only (same indicator number in the 2020 dump): derived, never a sameAs.
      if (predecessors.length > 0) node.props.kosPredecessorUris = predecessors;
    }
    if (indicator.kos_tier_2019?.length) node.props.kosTier2019 = indicator.kos_tier_2019;
    if (indicator.kos_custodian_agencies?.length) node.props.kosCustodianAgencies = indicator.kos_custodian_agencies;
  }
}

function setIdentifiers(b: SeedBuilder, id: string, uri: string, confidence: string, sameAs: string[], dump: SourceRef): GraphNode {
  const node = b.getNode(id);
  if (!node) throw new Error(`the KOS file names ${id}, which the SDG framework does not have`);
  if (confidence !== 'source' && confidence !== 'derived') throw new Error(`unexpected KOS confidence ${confidence} for ${id}`);
  node.props.uri = uri;
  node.props.uriConfidence = confidence;
  if (sameAs.length > 0) node.props.sameAs = [...new Set(sameAs)];
  if (!node.provenance.sources.some((s) => s.document === dump.document)) node.provenance.sources.push(dump);
  return node;
}

function kosDumpRef(kos: KosLinksFile): SourceRef {
  const { repo, path, commit } = kos.about.source;
  return { document: `github:${repo} ${path} (${commit.slice(0, 12)})`, url: 'http://metadata.un.org/sdg/' };
}
