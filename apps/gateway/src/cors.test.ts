import { DEV_ORIGINS, ORIGIN_ENTRY, corsSettings, originAllowed } from './cors';
import { loadGatewayConfig } from './config';

describe('which origins CORS_ORIGINS and NODE_ENV allow', () => {
  it('allows local dev servers on any port outside production when CORS_ORIGINS is unset', () => {
    const s = corsSettings({ CORS_CREDENTIALS: false, NODE_ENV: 'development' });
    expect(s.origins).toEqual(DEV_ORIGINS);
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080', 'http://localhost', 'HTTP://LOCALHOST:3000'])
      expect(originAllowed(s, origin)).toBe(true);
    for (const origin of [
      'https://localhost:5173',
      'http://localhost.evil.example',
      'http://localhost:5173.evil.example',
      'http://localhost:abc',
      'http://10.0.0.1:5173',
    ])
      expect(originAllowed(s, origin)).toBe(false);
  });

  it('allows nothing in production while CORS_ORIGINS is unset', () => {
    const s = corsSettings({ CORS_CREDENTIALS: false, NODE_ENV: 'production' });
    expect(s.origins).toEqual([]);
    expect(originAllowed(s, 'http://localhost:5173')).toBe(false);
    expect(originAllowed(s, 'https://app.example.vn')).toBe(false);
  });

  it('takes the listed origins exactly (case aside), trimmed, and no development default beside them', () => {
    const s = corsSettings({ CORS_ORIGINS: ' https://app.example.vn ,,http://localhost:5173', CORS_CREDENTIALS: true, NODE_ENV: 'development' });
    expect(s).toEqual({ origins: ['https://app.example.vn', 'http://localhost:5173'], credentials: true });
    expect(originAllowed(s, 'https://APP.example.vn')).toBe(true);
    expect(originAllowed(s, 'http://localhost:5173')).toBe(true);
    for (const origin of ['http://app.example.vn', 'https://app.example.vn:8443', 'https://app.example.vn.evil.example', 'http://localhost:5174'])
      expect(originAllowed(s, origin)).toBe(false);
  });

  it('lets `*` allow any origin', () => {
    expect(originAllowed(corsSettings({ CORS_ORIGINS: '*', CORS_CREDENTIALS: false, NODE_ENV: 'production' }), 'https://anything.example')).toBe(true);
  });

  it('accepts origins, port wildcards and IPv6 hosts as entries, and refuses paths, other schemes and partial wildcards', () => {
    for (const entry of ['*', 'https://app.example.vn', 'http://localhost:*', 'http://127.0.0.1:5173', 'http://[::1]:*', 'HTTPS://App.Example.VN'])
      expect(ORIGIN_ENTRY.test(entry)).toBe(true);
    for (const entry of [
      'https://app.example.vn/',
      'https://app.example.vn/graphql',
      'ftp://app.example.vn',
      'app.example.vn',
      'https://*.example.vn',
      'http://localhost:5*',
      '',
    ])
      expect(ORIGIN_ENTRY.test(entry)).toBe(false);
  });
});

describe('the gateway configuration refuses CORS settings it cannot honour', () => {
  /** loadGatewayConfig's refusal: what it wrote to stderr before exiting 1. */
  function refusal(env: NodeJS.ProcessEnv): string {
    let written = '';
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written += String(chunk);
      return true;
    });
    const exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    try {
      expect(() => loadGatewayConfig({ NODE_ENV: 'development', ...env })).toThrow('exit 1');
      return written;
    } finally {
      write.mockRestore();
      exit.mockRestore();
    }
  }

  it('refuses `*` while credentials are allowed, saying why', () => {
    expect(refusal({ CORS_ORIGINS: 'https://app.example.vn,*', CORS_CREDENTIALS: 'true' })).toMatch(/CORS_ORIGINS: \* is refused while CORS_CREDENTIALS is on/);
  });

  it('refuses an origin with a path, naming the expected form', () => {
    expect(refusal({ CORS_ORIGINS: 'https://app.example.vn/graphql' })).toMatch(
      /CORS_ORIGINS must be comma-separated origins such as https:\/\/app\.example\.vn/,
    );
  });

  it('accepts `*` without credentials and a list with credentials', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'development', CORS_ORIGINS: '*' }).CORS_ORIGINS).toBe('*');
    const listed = loadGatewayConfig({ NODE_ENV: 'development', CORS_ORIGINS: 'https://app.example.vn', CORS_CREDENTIALS: '1' });
    expect(listed.CORS_CREDENTIALS).toBe(true);
  });
});
