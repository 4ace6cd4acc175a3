/**
 * The fields every page reads of a link: its ends, its own properties and its
 * provenance, as `Link` has them. Names in `$lang`.
 */
export const LINK_FIELDS = `
  id type confidence method flags notes role leadershipRole partnershipRole rationale relation action label
  from { id code __typename name(lang: $lang) }
  to { id code __typename name(lang: $lang) }
  source { document paragraph url }
  sources { document paragraph url }
`;

export interface NodeRef {
  id: string;
  code: string;
  __typename: string;
  name: string;
}

export interface Source {
  document: string | null;
  paragraph: string | null;
  url: string | null;
}

export interface Link {
  id: string;
  type: string;
  confidence: string;
  method: string | null;
  flags: string[];
  notes: string[];
  role: string | null;
  leadershipRole: string | null;
  partnershipRole: string | null;
  rationale: string | null;
  relation: string | null;
  action: string | null;
  label: string | null;
  from: NodeRef;
  to: NodeRef;
  source: Source;
  sources: Source[];
}
