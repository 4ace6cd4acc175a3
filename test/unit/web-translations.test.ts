import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import en from '../../src/web/src/i18n/en.json';
import zh from '../../src/web/src/i18n/zh.json';

const schemaDir = join(__dirname, '..', '..', 'schema');
const sdl = readdirSync(schemaDir)
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => readFileSync(join(schemaDir, file), 'utf8'))
  .join('\n');

describe('web explorer: translation files', () => {
  it('have the same keys in English and Chinese, none empty', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect([...Object.entries(en), ...Object.entries(zh)].filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it('name every node type, link type, matrix axis and measure and confidence of the schema', () => {
    const schema = buildSchema(sdl, { assumeValidSDL: true });
    const values = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((value) => value.name);
    const needed = [
      ...values('NodeType').map((type) => `type.${type}`),
      ...values('LinkType').map((type) => `link.${type}`),
      ...values('MatrixAxis').map((axis) => `axis.${axis}`),
      ...values('MatrixMeasure').map((measure) => `measure.${measure}`),
      ...values('GoalLinkReach').map((reach) => `goalLinks.${reach}`),
      ...values('Confidence').map((confidence) => `confidence.${confidence}`),
    ];
    expect(needed.filter((key) => !(key in en))).toEqual([]);
  });
});
