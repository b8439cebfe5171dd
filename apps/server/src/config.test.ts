import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('AUTOFIN_DEMO_AS_OF', () => {
  it('is the demo market’s date when given, and unset (yesterday in China, decided at seeding) when not', () => {
    expect(loadConfig({ AUTOFIN_DEMO_AS_OF: '2026-10-31' }).demoAsOf).toBe('2026-10-31');
    expect(loadConfig({}).demoAsOf).toBeUndefined();
    expect(loadConfig({ AUTOFIN_DEMO_AS_OF: '' }).demoAsOf).toBeUndefined();
  });

  it('refuses anything but YYYY-MM-DD, naming the variable', () => {
    const attempt = () => loadConfig({ AUTOFIN_DEMO_AS_OF: '31/10/2026' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow('AUTOFIN_DEMO_AS_OF: must be a date YYYY-MM-DD');
  });
});
