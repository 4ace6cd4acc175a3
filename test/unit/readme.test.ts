import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeConfig } from '../../src/config';
import { EDGE_TYPES } from '../../src/domain/edge-types';
import { NODE_TYPES } from '../../src/domain/node-types';

// The README's tables are the user's map of the data model and the configuration:
// a relationship type or a variable added in code must appear there too.
const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');

describe('docs: the README documents the whole data model and configuration', () => {
  it.each(EDGE_TYPES)('names relationship %s in the data model', (type) => {
    expect(readme).toContain(`\`${type}\``);
  });

  it.each(NODE_TYPES)('names node type %s in the data model', (type) => {
    expect(readme).toContain(`\`${type}\``);
  });

  it.each(describeConfig().map((d) => d.variable))('lists variable %s in the configuration table', (variable) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${variable}\` \\|`, 'm'));
  });
});
