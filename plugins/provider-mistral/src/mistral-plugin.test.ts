import { describe, expect, it } from 'vitest';
import { mistralSettingsSchema } from './mistral-settings-schema.js';

describe('mistral settings', () => {
  it('need nothing, and refuse unknown keys and a base_url that is not http(s)', () => {
    expect(mistralSettingsSchema.parse({})).toEqual({});
    expect(mistralSettingsSchema.safeParse({ seed: 1 }).success).toBe(false);
    expect(mistralSettingsSchema.safeParse({ base_url: 'ftp://api.mistral.ai' }).error?.issues[0]?.path).toEqual(['base_url']);
  });
});
