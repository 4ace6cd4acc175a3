/**
 * The fixed part of `seeds/manifest.json`: what the dataset is, where it came
 * from and under which terms. Details per record are in each record's
 * provenance; the full story is in seeds/README.md.
 */
export const MANIFEST_BASE = {
  description:
    'Curated knowledge graph of WSIS action lines, the SDG framework (2023 refinement), UN mandates and the Global Digital Compact, with provenance on every node and edge.',
  sources: [
    {
      name: 'UNSD Global Indicator Framework after 2023 refinement (via do-me/SDG)',
      repo: 'do-me/SDG',
      commit: '2a3803236e62c42dbf053ab0cbbccd451f3e245c',
      url: 'https://unstats.un.org/sdgs/indicators/Global%20Indicator%20Framework%20after%202023%20refinement.English.xlsx',
    },
    { name: 'open-sdg/translations-un-sdg (goal, target, indicator titles)', repo: 'open-sdg/translations-un-sdg', commit: 'e8d875615e7d9d58b39f5134b169494d546b8613' },
    { name: 'open-sdg/sdg-translations (indicator titles, English goal short names)', repo: 'open-sdg/sdg-translations', commit: '0cda585851a5c6f04040a9a2755fbb4496c4eead' },
    { name: 'UNStats-SDGs/sdgs-data goal colours (facts only)', repo: 'UNStats-SDGs/sdgs-data', commit: 'f29a981b8b16ceb0a36c0f1cf60272192a29a981' },
    {
      name: 'WSIS-SDG Matrix (2015), as transcribed in the ICT4SDG app data',
      repo: 'uwidcit/WSIS-SDG-Matrix',
      commit: '4c488d2bc9321eac28bcede05d3867a92c2ef04a',
      url: 'https://www.itu.int/net4/wsis/sdg/',
    },
    { name: "UN Secretary-General's 2024 report on WSIS implementation (seed 004_b40f39dda7347d2d.txt)" },
    { name: 'ITU WSIS+20 draft report with Annex 2 (seed 002_1ec08987ad33214d.txt); ITU Council 2024 (seed 000); member-state contribution (seed 001); CWG-SFP slides (seed 003)' },
    { name: 'Stored public web pages (UN, ITU, UNESCO, dig.watch, …), cited by URL in each record' },
    { name: 'Global Digital Compact, A/RES/79/1 annex I (partial: see KNOWN GAPS)' },
    { name: 'WSIS+20 outcome, A/RES/80/173 (partial: see KNOWN GAPS)' },
  ],
  licences: [
    { what: 'SDG titles from open-sdg/translations-un-sdg', licence: 'MIT', file: 'seeds/licences/open-sdg_translations-un-sdg.LICENSE' },
    { what: 'SDG titles from open-sdg/sdg-translations', licence: 'MIT', file: 'seeds/licences/open-sdg_sdg-translations.LICENSE' },
    { what: 'SDG framework listing from do-me/SDG', licence: 'MIT', file: 'seeds/licences/do-me_SDG.LICENSE' },
    { what: 'Goal, target and indicator texts', licence: 'United Nations texts (A/RES/70/1, A/RES/71/313); UN terms of use' },
    { what: 'Facts from public pages and seeds', licence: 'facts only; labels are our own short paraphrases, not quotations' },
  ],
} as const;
