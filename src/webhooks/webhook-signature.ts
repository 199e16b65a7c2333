import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** `whsec_` + base64 of 32 random bytes: the Standard Webhooks secret format. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The webhook-signature header: `v1,<base64 HMAC-SHA256 of id.timestamp.body>` per secret,
 * space-separated (current secret first, then the previous one during a rotation's overlap).
 */
export function signWebhook(secrets: readonly string[], msgId: string, at: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(msgId, at, body)).join(' ');
}
