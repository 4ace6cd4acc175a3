import type { Provenance } from '../../domain/graph-records';
import type { LinkView } from './relations';

/**
 * The fields of `interface Evidence`, read from a provenance record; for
 * links, `linkEvidenceFields` reads the link's own provenance.
 */
export const provenanceFields = {
  source: (p: Provenance) => p.sources[0],
  flags: (p: Provenance) => p.flags ?? [],
  notes: (p: Provenance) => p.notes ?? [],
  method: (p: Provenance) => p.method ?? null,
};

export const linkEvidenceFields = {
  id: (link: LinkView) => link.edge.id,
  source: (link: LinkView) => link.edge.provenance.sources[0],
  sources: (link: LinkView) => link.edge.provenance.sources,
  confidence: (link: LinkView) => link.edge.provenance.confidence,
  method: (link: LinkView) => link.edge.provenance.method ?? null,
  flags: (link: LinkView) => link.edge.provenance.flags ?? [],
  notes: (link: LinkView) => link.edge.provenance.notes ?? [],
};
