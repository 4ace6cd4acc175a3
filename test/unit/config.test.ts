import { ConfigError, describeConfig, loadConfig, neo4jGiveUpMs } from '../../src/config';

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

  it('derives the Neo4j driver limits from MAX_EXECUTION_MS, so a stopped database is given up on within 80 % of the deadline', () => {
    const limits = (env: Record<string, string>) => {
      const config = loadConfig({ STORE: 'neo4j', NEO4J_URI: 'bolt://db:7687', ...env });
      return { connect: config.NEO4J_CONNECT_TIMEOUT_MS, retry: config.NEO4J_RETRY_MS, deadline: config.MAX_EXECUTION_MS };
    };
    // At the default 5 s: connect within 1.4 s, one retry (after 0.8–1.2 s), 4 s at worst.
    expect(limits({})).toEqual({ connect: 1400, retry: 700, deadline: 5000 });
    expect(neo4jGiveUpMs(1400, 700)).toBe(4000);
    for (const deadline of ['1700', '2000', '5000', '10000', '60000']) {
      const { connect, retry } = limits({ MAX_EXECUTION_MS: deadline });
      expect({ deadline, fits: neo4jGiveUpMs(connect, retry) <= Number(deadline) * 0.8 }).toEqual({ deadline, fits: true });
    }
    // Values set explicitly are kept when they fit.
    expect(limits({ NEO4J_CONNECT_TIMEOUT_MS: '300', NEO4J_RETRY_MS: '0' })).toEqual({ connect: 300, retry: 0, deadline: 5000 });
  });

  it('counts the retries the driver makes: each one after 1 s, 2 s, 4 s … (±20 %) while the retry window is open', () => {
    // No retry window: the first try, one retry after at most 1.2 s, and its try.
    expect(neo4jGiveUpMs(100, 0)).toBe(1400);
    // A window of 800 ms lets a second retry start (after at most 2.4 s) when the first came early.
    expect(neo4jGiveUpMs(100, 800)).toBe(100 + 800 + 2400 + 100);
  });

  it('refuses, with STORE=neo4j, driver limits under which an outage would answer EXECUTION_TIMEOUT', () => {
    const neo4j = { STORE: 'neo4j', NEO4J_URI: 'bolt://db:7687' };
    expect(() => loadConfig({ ...neo4j, NEO4J_RETRY_MS: '15000' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...neo4j, NEO4J_RETRY_MS: '15000' })).toThrow(
      /NEO4J_CONNECT_TIMEOUT_MS=1400, NEO4J_RETRY_MS=15000, MAX_EXECUTION_MS=5000: the Neo4j driver could take up to 37000 ms to give up on a stopped database.*raise MAX_EXECUTION_MS \(at least 46250\)/,
    );
    expect(() => loadConfig({ ...neo4j, MAX_EXECUTION_MS: '1000' })).toThrow(/MAX_EXECUTION_MS=1000: .*at least 1625/);
    // The embedded store has no driver: any deadline is accepted.
    expect(loadConfig({ MAX_EXECUTION_MS: '1000' }).MAX_EXECUTION_MS).toBe(1000);
  });
});
