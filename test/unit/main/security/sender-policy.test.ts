import { describe, expect, it } from 'vitest';
import { sameOriginMainFrame } from '../../../../src-main/security/sender-policy';

describe('sameOriginMainFrame', () => {
  const policy = sameOriginMainFrame('app://console');
  it('trusts the main frame of app://console', () => {
    expect(policy({ url: 'app://console/index.html', isMainFrame: true, senderId: '1' })).toBe(true);
  });
  it.each([
    ['a sub-frame', { url: 'app://console/index.html', isMainFrame: false }],
    ['another app host', { url: 'app://other/index.html', isMainFrame: true }],
    ['file://', { url: 'file:///index.html', isMainFrame: true }],
    ['https', { url: 'https://console/index.html', isMainFrame: true }],
    ['an empty url', { url: '', isMainFrame: true }],
  ])('refuses %s', (_name, sender) => {
    expect(policy({ ...sender, senderId: '1' })).toBe(false);
  });
  it('works for the harness loopback origin and refuses other ports', () => {
    const harness = sameOriginMainFrame('http://127.0.0.1:4100');
    expect(harness({ url: 'http://127.0.0.1:4100/index.html', isMainFrame: true, senderId: 'p' })).toBe(true);
    expect(harness({ url: 'http://127.0.0.1:4101/index.html', isMainFrame: true, senderId: 'p' })).toBe(false);
  });
});
