import { ConfigError, describeConfig, loadConfig } from '../../src/config';

describe('config: parsing the environment', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect({ PORT: config.PORT, HOST: config.HOST, STORE: config.STORE, MAX_DEPTH: config.MAX_DEPTH }).toEqual({
      PORT: 4000,
      HOST: '0.0.0.0',
      STORE: 'embedded',
      MAX_DEPTH: 12,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(4000);
  });

  it('names the variable and the expected form of a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadConfig({ STORE: 'postgres' })).toThrow(/STORE="postgres": .*embedded.*neo4j/);
  });

  it('requires NEO4J_URI when STORE=neo4j, in the bolt or neo4j scheme', () => {
    expect(() => loadConfig({ STORE: 'neo4j' })).toThrow(/NEO4J_URI.*required when STORE=neo4j/);
    expect(() => loadConfig({ STORE: 'neo4j', NEO4J_URI: 'http://db:7474' })).toThrow(/NEO4J_URI="http:\/\/db:7474": a neo4j:\/\/ or bolt:\/\/ URI/);
    expect(loadConfig({ STORE: 'neo4j', NEO4J_URI: 'neo4j+s://x.databases.neo4j.io' }).NEO4J_URI).toBe('neo4j+s://x.databases.neo4j.io');
  });

  it('describes every key with its default', () => {
    const described = describeConfig();
    expect(described.find((d) => d.variable === 'PORT')).toEqual({ variable: 'PORT', default: '4000', doc: 'TCP port to listen on (0 picks a free one)' });
    // Every key with a default appears in a parsed config under the same name.
    const parsed = loadConfig({}) as Record<string, unknown>;
    for (const { variable, default: value } of described) if (value !== '') expect(String(parsed[variable])).toBe(value);
  });
});
