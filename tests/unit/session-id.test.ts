import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sessionId } from '../../server/auth/auth.usecases';

describe('sessionId: the stored id of a session token', () => {
  const hmac = (secret: string, token: string) => createHmac('sha256', secret).update(token).digest('hex');
  it('When tokens are hashed again, after many others and under another secret, Then the id is always the HMAC', () => {
    const first = sessionId('secret-one-0123456789abcdef', 'token-0');
    expect(first).toBe(hmac('secret-one-0123456789abcdef', 'token-0'));
    // More tokens than the ids kept in memory: the first is forgotten, then computed again.
    for (let i = 1; i <= 1500; i++) sessionId('secret-one-0123456789abcdef', `token-${i}`);
    expect(sessionId('secret-one-0123456789abcdef', 'token-0')).toBe(first);
    expect(sessionId('secret-one-0123456789abcdef', 'token-1500')).toBe(
      hmac('secret-one-0123456789abcdef', 'token-1500'),
    );
    expect(sessionId('secret-two-0123456789abcdef', 'token-0')).toBe(hmac('secret-two-0123456789abcdef', 'token-0'));
    expect(sessionId('secret-two-0123456789abcdef', 'token-0')).not.toBe(first);
  });
});
