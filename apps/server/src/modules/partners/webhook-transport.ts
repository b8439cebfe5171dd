import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { checkWebhookUrlShape, forbiddenAddress, hostOf, type WebhookUrlPolicy } from './webhook-url-guard.ts';

/** What the receiver answered: its status and the first characters of its body. */
export interface WebhookResponse {
  status: number;
  excerpt: string;
}

const EXCERPT_CHARS = 1000;

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup for the socket that refuses forbidden addresses. It runs when the connection is
 * made, so the address checked is the address connected to: a host that resolved to a public
 * address when the partner subscribed and to 10.0.0.5 now (DNS rebinding) is refused here.
 */
function guardedLookup(policy: WebhookUrlPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      for (const a of addresses) {
        const why = forbiddenAddress(a.address, policy);
        if (why) return callback(Object.assign(new Error(`webhook destination refused: ${hostname} resolves to ${why}`), { code: 'EWEBHOOKFORBIDDEN' }), []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs one webhook: the URL's scheme and literal address are checked again (the installation's
 * policy may have changed since the subscription), host names are resolved through the guarded
 * lookup, redirects are not followed (a 3xx is the answer), and the answer's first 1 000
 * characters are kept for the delivery log.
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, policy: WebhookUrlPolicy, timeoutMs: number): Promise<WebhookResponse> {
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = checkWebhookUrlShape(url, policy);
    } catch (err) {
      reject(new Error(`webhook destination refused: ${(err as Error).message}`));
      return;
    }
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      u,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(policy) as never,
        signal: AbortSignal.timeout(timeoutMs),
        // SNI and certificate checks use the host name, not the address connected to.
        ...(u.protocol === 'https:' && !isIP(hostOf(u)) ? { servername: hostOf(u) } : {}),
      },
      (res: IncomingMessage) => {
        let excerpt = '';
        const done = () => resolve({ status: res.statusCode ?? 0, excerpt: excerpt.slice(0, EXCERPT_CHARS) });
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          excerpt += chunk;
          // Enough for the log: a receiver streaming a huge answer does not hold the worker.
          if (excerpt.length >= EXCERPT_CHARS) {
            done();
            res.destroy();
          }
        });
        res.on('end', done);
        res.on('error', (err) => (excerpt.length >= EXCERPT_CHARS ? undefined : reject(err)));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
