import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, parseEnv, readEnvironment, resolveSecret } from '../../../src/config';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'lantern-config-'));

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('gives the documented defaults when nothing is set', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.LANTERN_DATA_DIR).toBe('./.lantern');
    expect(env.LANTERN_DEMO).toBe(true);
    expect(env.NEO4J_URI).toBeUndefined();
    expect([env.LANTERN_AUTH_FAILURE_LIMIT, env.LANTERN_AUTH_FAILURE_WINDOW_S]).toEqual([30, 900]);
  });

  it.each([
    ['PORT', 'abc', /PORT: must be a whole number from 1 to 65535 \(got 'abc'\)/],
    ['PORT', '70000', /PORT: must be a whole number from 1 to 65535/],
    ['NEO4J_URI', 'http://localhost:7474', /NEO4J_URI: must be a URL starting with neo4j:\/\/, neo4j\+s:\/\//],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL: must be a URL starting with redis:\/\/, rediss:\/\//],
    ['LANTERN_DEMO', 'maybe', /LANTERN_DEMO: must be one of 1, 0, true, false/],
    ['LANTERN_ADMIN_KEY', 'short', /LANTERN_ADMIN_KEY: must be at least 16 characters/],
    ['LANTERN_SECRET', 'too-short', /LANTERN_SECRET: must be at least 32 characters/],
    ['LANTERN_QUEUE_PREFIX', 'a:b', /LANTERN_QUEUE_PREFIX: must be 1-64 letters, digits, _ or - \(no colons\)/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: /],
    ['LANTERN_AUTH_FAILURE_LIMIT', '0', /LANTERN_AUTH_FAILURE_LIMIT: must be a whole number from 1 to 1000000/],
    ['LANTERN_AUTH_FAILURE_WINDOW_S', '1h', /LANTERN_AUTH_FAILURE_WINDOW_S: must be a whole number from 1 to 86400/],
  ])('names %s and what it allows when it is %p', (name, value, expected) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('reports every bad variable at once, not only the first', () => {
    expect(problemsOf({ PORT: 'x', REDIS_URL: 'nope', LANTERN_DEMO: 'perhaps' })).toHaveLength(3);
  });

  it('refuses a review threshold at or above the auto-link threshold', () => {
    expect(problemsOf({ LANTERN_MATCH_REVIEW: '0.9', LANTERN_MATCH_AUTOLINK: '0.8' })[0]).toMatch(
      /LANTERN_MATCH_REVIEW: must be lower than LANTERN_MATCH_AUTOLINK/,
    );
  });

  it.each([
    ['0', false],
    ['off', false],
    ['YES', true],
    ['1', true],
  ])('reads LANTERN_DEMO=%s as %s', (value, expected) => {
    expect(parseEnv({ LANTERN_DEMO: value }).LANTERN_DEMO).toBe(expected);
  });

  it('lets the environment override a .env file in the working directory', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, '.env'), 'PORT=4000\nLANTERN_DEMO=0\n');
    const env = readEnvironment(dir, { PORT: '5000' });
    expect(parseEnv(env).PORT).toBe(5000);
    expect(parseEnv(env).LANTERN_DEMO).toBe(false);
  });
});

describe('the HMAC secret', () => {
  it('is generated once, kept in the data directory readable by the owner only, and reused', () => {
    const dir = tmp();
    const first = resolveSecret(dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveSecret(dir)).toBe(first);
    expect(readFileSync(path.join(dir, 'secret'), 'utf8').trim()).toBe(first);
    expect(statSync(path.join(dir, 'secret')).mode & 0o077).toBe(0);
  });

  it('comes from LANTERN_SECRET when given, and nothing is written', () => {
    const dir = tmp();
    const given = 'x'.repeat(40);
    expect(loadConfig({ LANTERN_DATA_DIR: dir, LANTERN_SECRET: given }).secret).toBe(given);
    expect(() => statSync(path.join(dir, 'secret'))).toThrow();
  });
});
