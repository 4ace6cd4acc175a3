/**
 * GraphiQL's opening tabs (yoga's `defaultTabs`): the main questions the
 * service answers, each a query that runs as it is. The first is the example
 * the README starts with.
 */
export const GRAPHIQL_TABS = [
  `# Who facilitates WSIS action line C2, and which SDG targets does the WSIS–SDG Matrix link it to?
{
  actionLine(code: "C2") {
    name
    facilitators { role entity { code name } }
    sdgTargets { code name }
  }
}
`,
  `# Search in any UN language: Chinese needs no spaces.
{
  searchConnection(query: "国际电信联盟", first: 5) {
    nodes { score node { id code name(lang: ZH) } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  `# The WSIS–SDG Matrix at goal level: every non-empty cell with its evidence and flags.
{
  matrix(rows: ACTION_LINES, columns: SDG_GOALS) {
    cells {
      row { code } column { code } value flags
      evidence { id source { document paragraph url } confidence }
    }
  }
}
`,
  `# Which texts mandate the CSTD, directly and carried forward through later texts?
{
  mandates(of: "Entity:CSTD") {
    resolution { code name } partialDate direct paragraph
    chain { relation resolution { code partialDate } }
  }
}
`,
  `# What do action line C5 and GDC objective 3 share?
{
  overlap(a: "ActionLine:C5", b: "GdcObjective:3") {
    jaccard
    sharedTargets { node { code name } }
    onlyA { code }
    onlyB { code }
  }
}
`,
  `# How is ITU connected to SDG target 9.c? Every link with its provenance.
{
  paths(from: "Entity:ITU", to: "SdgTarget:9.c", maxHops: 3, first: 3) {
    length
    nodes { id }
    links { type source { document paragraph } confidence }
  }
}
`,
  `# Gaps: SDG targets no action line names, GDC commitments without a WSIS counterpart.
{
  coverage {
    unreachedTargets { target { code } }
    gdcCommitmentsWithoutWsis { code name }
    actionLinesWithoutGdc { code }
  }
}
`,
].map((query) => ({ query }));
