import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DomainError } from '@autofin/domain';

/**
 * Where the lender's servers may POST a partner's webhooks (ADR 0011). A webhook URL is chosen by
 * the partner and fetched from inside the lender's network, so without a guard it is a server-side
 * request forgery: `http://169.254.169.254/…` reads the cloud metadata (credentials),
 * `http://10.0.0.5:5432` probes the database network.
 *
 * Only global unicast addresses are allowed (an allow-list of ipaddr.js's `unicast` range, so a
 * range nobody thought of — NAT64, 6to4, Teredo, documentation, benchmarking — is refused too).
 * `allowPrivate` (AUTOFIN_WEBHOOK_ALLOW_PRIVATE=1, local development and the test suite's local
 * receivers) additionally admits loopback, RFC 1918, unique-local IPv6 and carrier-grade NAT, and
 * plain http://. Link-local (169.254/16 with the metadata endpoint, fe80::/10), multicast,
 * broadcast, unspecified and reserved ranges are refused in every mode.
 */
export interface WebhookUrlPolicy {
  allowPrivate: boolean;
}

/** What a range is called in the 422 a partner reads. */
const RANGE_WORDS: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private network address (RFC 1918)',
  uniqueLocal: 'a unique-local IPv6 address (fc00::/7)',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  linkLocal: 'a link-local address (169.254.0.0/16 or fe80::/10, where cloud metadata lives)',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  unspecified: 'the unspecified address',
  reserved: 'a reserved address range',
};
const PRIVATE_RANGES = new Set(['loopback', 'private', 'uniqueLocal', 'carrierGradeNat']);

/** Why `address` may not be a webhook destination, or null when it may. */
export function forbiddenAddress(address: string, policy: WebhookUrlPolicy): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address it carries.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range === 'unicast') return null;
  if (policy.allowPrivate && PRIVATE_RANGES.has(range)) return null;
  return `${parsed.toString()} is ${RANGE_WORDS[range] ?? `in the ${range} range`}`;
}

/** Scheme and literal-address checks that need no DNS; returns the parsed URL. */
export function checkWebhookUrlShape(url: string, policy: WebhookUrlPolicy): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw urlError('is not a valid URL');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw urlError(`uses ${u.protocol.replace(/:$/, '')}://; webhooks are delivered over https://`);
  if (u.protocol === 'http:' && !policy.allowPrivate) throw urlError('must use https:// (plain http:// is accepted only on installations configured for local development)');
  if (u.username || u.password) throw urlError('must not carry a user name or password; authenticate the request by its webhook-signature');
  const host = hostOf(u);
  if (isIP(host)) {
    const why = forbiddenAddress(host, policy);
    if (why) throw urlError(`points at ${why}; webhooks go to a public address`);
  }
  return u;
}

/**
 * The subscription-time check: the shape, then every address the host resolves to now. A host that
 * resolves to any forbidden address is refused (an attacker controls which record a client picks).
 * Delivery checks again at connect time (webhook-transport.ts): DNS can change after this.
 */
export async function checkWebhookUrl(url: string, policy: WebhookUrlPolicy, resolve: typeof lookup = lookup): Promise<void> {
  const u = checkWebhookUrlShape(url, policy);
  const host = hostOf(u);
  if (isIP(host)) return;
  let addresses: Array<{ address: string }>;
  try {
    addresses = await resolve(host, { all: true, verbatim: true });
  } catch (err) {
    throw urlError(`its host ${host} does not resolve (${(err as NodeJS.ErrnoException).code ?? 'DNS error'})`);
  }
  for (const a of addresses) {
    const why = forbiddenAddress(a.address, policy);
    if (why) throw urlError(`its host ${host} resolves to ${why}; webhooks go to a public address`);
  }
}

/** The host without IPv6 brackets. */
export function hostOf(u: URL): string {
  return u.hostname.replace(/^\[(.*)\]$/, '$1');
}

function urlError(message: string): DomainError {
  return new DomainError('WEBHOOK_URL_FORBIDDEN', `url: ${message}`, [{ field: 'url', message }]);
}
