import { createHmac } from 'node:crypto';

/** The signature header: HMAC-SHA256 over "<timestamp>.<body>" with the webhook's secret (docs/subscriptions.md). */
export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
