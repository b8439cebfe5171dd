import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PartnerScope } from '@autofin/contracts';
import type { Database } from '@autofin/db';
import { DomainError } from '@autofin/domain';
import { apiKeyMatches, apiKeyPrefix } from '../modules/partners/api-key.ts';
import { findApiKeyByPrefix, type StoredApiKey } from '../modules/partners/api-key.repository.ts';
import { partnerScopeIds } from '../modules/partners/partner.repository.ts';
import { partnerProductCodes } from '../modules/partners/partner-products.ts';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, requestHash } from '../modules/partners/idempotency.repository.ts';
import { RateLimiter } from '../modules/partners/rate-limiter.ts';
import { UsageRecorder } from '../modules/partners/usage-recorder.ts';
import { problemSlug } from '../modules/partners/problem-docs.ts';

/** The partner a /v1 request acts for. */
export interface PartnerPrincipal {
  keyId: string;
  partnerId: string;
  /** The partners whose data this key sees: the partner and, for a dealer group, its dealers. */
  partnerIds: string[];
  scopes: PartnerScope[];
  /** Product codes the partner may sell (null: every sellable product), cached with the key. */
  productCodes: Set<string> | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    partner: PartnerPrincipal | null;
    /** Set while this request owns an Idempotency-Key record. */
    idempotencyKey: string | null;
  }
  interface FastifyContextConfig {
    /** The scope a /v1 route needs; routes without one are public (the OpenAPI document). */
    partnerScope?: PartnerScope;
  }
  interface FastifyInstance {
    partnerAccess: PartnerAccess;
  }
}

/** How long a looked-up key (with its partner scope and products) is trusted before the database is asked again (revocation on another instance takes effect within this). */
const KEY_CACHE_MS = 2_000;
const IDEMPOTENCY_WAIT_MS = 30_000;

interface CachedKey {
  key: StoredApiKey;
  partnerIds: string[];
  productCodes: Set<string> | null;
  at: number;
  /**
   * The key as last presented and found to hash to `key.secretHash`: the same bytes again are
   * the same key, compared in constant time instead of hashed again on every request. Lives and
   * dies with the entry (≤ KEY_CACHE_MS, dropped at once by forget()).
   */
  verified: Buffer | null;
}

/** `presented` is the key this entry already verified (constant-time), or else hashes to its stored hash. */
function presentedMatches(cached: CachedKey, presented: string): boolean {
  const bytes = Buffer.from(presented, 'latin1');
  if (cached.verified && cached.verified.length === bytes.length && timingSafeEqual(cached.verified, bytes)) return true;
  if (!apiKeyMatches(presented, cached.key.secretHash)) return false;
  cached.verified = bytes;
  return true;
}

export class PartnerAccess {
  readonly rateLimiter = new RateLimiter();
  readonly usage: UsageRecorder;
  private cache = new Map<string, CachedKey>();

  constructor(private readonly app: { database: Database }) {
    this.usage = new UsageRecorder(app.database);
  }

  /** Drops a key from this instance's cache (revocation, rotation). */
  forget(prefix: string): void {
    this.cache.delete(prefix);
  }

  async resolve(authorization: string | undefined, now: number): Promise<CachedKey> {
    if (!authorization) throw new DomainError('API_KEY_INVALID', 'Send your API key as "Authorization: Bearer afk_…".');
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    const prefix = m ? apiKeyPrefix(m[1]!) : null;
    if (!m || !prefix) throw new DomainError('API_KEY_INVALID', 'The Authorization header must be "Bearer afk_<prefix>_<secret>", as the key was issued.');
    let cached = this.cache.get(prefix);
    if (!cached || now - cached.at > KEY_CACHE_MS) {
      const key = await findApiKeyByPrefix(this.app.database.db, prefix);
      if (!key) {
        this.cache.delete(prefix);
        throw new DomainError('API_KEY_INVALID', 'This API key is not known.');
      }
      const partnerIds = await partnerScopeIds(this.app.database.db, key.partnerId);
      // What the partner may sell rides along: the quote path then needs no extra query.
      cached = { key, partnerIds, productCodes: await partnerProductCodes(this.app.database.db, partnerIds), at: now, verified: null };
      this.cache.set(prefix, cached);
    }
    const { key } = cached;
    if (!presentedMatches(cached, m[1]!)) throw new DomainError('API_KEY_INVALID', 'This API key is not known.');
    if (key.status === 'revoked') throw new DomainError('API_KEY_INVALID', 'This API key has been revoked; ask the lender for a new one.');
    if (key.expiresAt && key.expiresAt.getTime() <= now) throw new DomainError('API_KEY_INVALID', `This API key expired at ${key.expiresAt.toISOString()} after being rotated; use its replacement.`);
    return cached;
  }
}

function isPartnerApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/v1/') && request.routeOptions.config.partnerScope !== undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * /v1 authentication and the limits that go with it, for every route that declares
 * `config.partnerScope`: Bearer key → partner scope (401 otherwise), the route's scope (403),
 * the key's per-minute rate limit (429 with Retry-After and RateLimit-* headers), Idempotency-Key
 * on POST (replay, 422 on a different body, concurrent retries wait for the first), and usage.
 */
export const partnerAuthPlugin = fp(async (app) => {
  const access = new PartnerAccess(app);
  app.decorate('partnerAccess', access);
  app.decorateRequest('partner', null);
  app.decorateRequest('idempotencyKey', null);
  app.addHook('onReady', async () => access.usage.start());
  app.addHook('onClose', async () => access.usage.stop());

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isPartnerApi(request)) return;
    const now = Date.now();
    let resolved;
    try {
      resolved = await access.resolve(request.headers.authorization, now);
    } catch (err) {
      reply.header('www-authenticate', 'Bearer realm="autofin partner API"');
      throw err;
    }
    const { key, partnerIds, productCodes } = resolved;
    request.partner = { keyId: key.id, partnerId: key.partnerId, partnerIds, scopes: key.scopes, productCodes };
    const rate = access.rateLimiter.hit(key.id, key.rateLimitPerMinute, now);
    reply.header('ratelimit-limit', String(rate.limit));
    reply.header('ratelimit-remaining', String(rate.remaining));
    reply.header('ratelimit-reset', String(rate.resetSeconds));
    if (!rate.allowed) {
      reply.header('retry-after', String(rate.resetSeconds));
      throw new DomainError('RATE_LIMITED', `This key may make ${rate.limit} requests a minute; try again in ${rate.resetSeconds} s.`);
    }
    const needed = request.routeOptions.config.partnerScope!;
    if (!key.scopes.includes(needed)) throw new DomainError('API_KEY_SCOPE_MISSING', `This endpoint needs the scope "${needed}"; the key has: ${key.scopes.join(', ')}.`);
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const partner = request.partner;
    if (!partner || request.method !== 'POST') return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(header)) {
      throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 1–255 visible ASCII characters (a UUID is a good choice).', [{ field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }]);
    }
    const claim = { partnerId: partner.partnerId, key: header, method: request.method, path: request.url, bodyHash: requestHash(request.body) };
    const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
    for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
      const result = await claimIdempotencyKey(app.database, app.personalData, claim);
      if (result.kind === 'claimed') {
        request.idempotencyKey = header;
        return;
      }
      if (result.kind === 'mismatch') {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', `This Idempotency-Key was first used for ${result.method} ${result.path} with a different body; use a new key for a new request.`);
      }
      if (result.kind === 'completed') {
        for (const [name, value] of Object.entries(result.response.headers)) reply.header(name, value);
        reply.header('idempotent-replayed', 'true');
        return reply.code(result.response.status).send(result.response.body);
      }
      if (Date.now() > deadline) throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'The first request with this Idempotency-Key is still running; retry in a few seconds.');
      await sleep(wait);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.partner) return payload;
    request.idempotencyKey = null;
    if (reply.statusCode >= 500) {
      await releaseIdempotencyKey(app.database, request.partner.partnerId, key);
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'location']) {
      const v = reply.getHeader(name);
      if (typeof v === 'string') headers[name] = v;
    }
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    await completeIdempotencyKey(app.database, app.personalData, request.partner.partnerId, key, { status: reply.statusCode, headers, body });
    return payload;
  });

  // Every /v1 error links to what it means (RFC 8288 `help`): /v1/problems/{slug} of its code.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/v1/') || typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').includes('problem+json')) return payload;
    const code = /"code":"([A-Z0-9_]+)"/.exec(payload)?.[1];
    if (code) reply.header('link', `</v1/problems/${problemSlug(code)}>; rel="help"`);
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const partner = request.partner;
    if (partner) access.usage.record(partner.partnerId, partner.keyId, reply.statusCode, reply.elapsedTime, Date.now());
  });
});
