import { describe, expect, it } from 'vitest';
import { googleApiRoot } from './google-api-root.js';

describe('googleApiRoot', () => {
  it('drops a trailing version segment', () => {
    expect(googleApiRoot('https://generativelanguage.googleapis.com/v1beta')).toBe('https://generativelanguage.googleapis.com');
    expect(googleApiRoot('https://us-central1-aiplatform.googleapis.com/v1/')).toBe('https://us-central1-aiplatform.googleapis.com');
    expect(googleApiRoot('https://proxy.example/google/v1beta1')).toBe('https://proxy.example/google');
  });

  it('keeps a base URL without a version segment as it is', () => {
    expect(googleApiRoot('https://proxy.example/google')).toBe('https://proxy.example/google');
    expect(googleApiRoot('https://proxy.example/v1beta/gemini')).toBe('https://proxy.example/v1beta/gemini');
  });
});
