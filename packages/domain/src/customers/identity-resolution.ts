/**
 * Deterministic identity resolution (issue 7): which profile an event belongs to, given what its
 * identifiers already point at. Pure: the caller looks the identifiers up and applies the plan.
 *
 * The rules, in the order they are applied:
 * 1. Strong identifiers (a resident ID number, a verified phone) decide. If they point at one
 *    profile, that is the target. If they point at two different profiles, the ID number wins and
 *    nothing is merged: two identified people are never merged automatically, a person does that in
 *    the console (a conflict is reported).
 * 2. With a strong identifier, every ANONYMOUS profile reached through the event's weak identifiers is
 *    merged into the target ("a strong identifier arrived"). A weak identifier that belongs to another
 *    IDENTIFIED profile stays where it is and is not moved.
 * 3. Without a strong identifier, weak identifiers only find a profile: the one they point at (an
 *    identified profile if exactly one is reached, else the earliest-created); nothing is merged. If
 *    none is known, a new anonymous profile is created.
 * 4. A strong identifier nobody knows creates an identified profile, or promotes the anonymous profile
 *    the weak identifiers found (it stops being anonymous).
 * 5. Every identifier of the event that is not linked yet is linked to the target.
 */

/** Internal identifier types; an unverified phone is its own (weak) type so it never matches a verified one. */
export type ResolvedIdentityType =
  | 'id_number'
  | 'phone'
  | 'phone_unverified'
  | 'wechat_openid'
  | 'wechat_unionid'
  | 'device_id'
  | 'email'
  | 'dealer_crm_id'
  | 'cookie';

export interface IdentityKey {
  type: ResolvedIdentityType;
  /** keyed hash of the normalised value */
  hash: string;
}

export const STRONG_IDENTITY_TYPES: ReadonlySet<ResolvedIdentityType> = new Set(['id_number', 'phone']);
/** Which strong identifier wins a conflict: lower is stronger. */
const STRENGTH: Record<ResolvedIdentityType, number> = {
  id_number: 0,
  phone: 1,
  wechat_unionid: 2,
  dealer_crm_id: 3,
  email: 4,
  wechat_openid: 5,
  phone_unverified: 6,
  device_id: 7,
  cookie: 8,
};

export function isStrong(type: ResolvedIdentityType): boolean {
  return STRONG_IDENTITY_TYPES.has(type);
}

export function identityKeyString(k: IdentityKey): string {
  return `${k.type}:${k.hash}`;
}

export interface KnownProfile {
  customerId: string;
  anonymous: boolean;
  /** creation order, to choose deterministically between equal candidates */
  createdAt: string;
}

export interface ResolutionPlan {
  /** an existing profile, or a new one to create */
  target: { kind: 'existing'; customerId: string } | { kind: 'new'; anonymous: boolean };
  /** the target (existing, anonymous) becomes identified */
  promote: boolean;
  /** anonymous profiles to merge into the target, with why */
  merges: Array<{ customerId: string; reason: string }>;
  /** identifiers to link to the target */
  link: IdentityKey[];
  /** identified profiles the strong identifiers disagree about (left for a person to decide) */
  conflicts: Array<{ customerId: string; identity: ResolvedIdentityType }>;
}

/**
 * @param keys the event's identifiers
 * @param owners for each key (identityKeyString) the profile it is linked to today, if any
 */
export function resolveIdentity(keys: readonly IdentityKey[], owners: ReadonlyMap<string, KnownProfile>): ResolutionPlan {
  const sorted = [...keys].sort((a, b) => STRENGTH[a.type] - STRENGTH[b.type] || a.hash.localeCompare(b.hash));
  const strong = sorted.filter((k) => isStrong(k.type));
  const weak = sorted.filter((k) => !isStrong(k.type));
  const ownerOf = (k: IdentityKey) => owners.get(identityKeyString(k));

  const conflicts: ResolutionPlan['conflicts'] = [];
  let strongOwner: KnownProfile | undefined;
  for (const k of strong) {
    const o = ownerOf(k);
    if (!o) continue;
    if (!strongOwner) strongOwner = o;
    else if (o.customerId !== strongOwner.customerId) conflicts.push({ customerId: o.customerId, identity: k.type });
  }

  const weakOwners = uniqueProfiles(weak.map(ownerOf).filter((o): o is KnownProfile => o !== undefined));
  const link = sorted.filter((k) => !ownerOf(k));

  if (strong.length > 0) {
    const reason = `strong identifier ${strong[0]!.type} arrived`;
    if (strongOwner) {
      const merges = weakOwners.filter((o) => o.anonymous && o.customerId !== strongOwner.customerId).map((o) => ({ customerId: o.customerId, reason }));
      return { target: { kind: 'existing', customerId: strongOwner.customerId }, promote: strongOwner.anonymous, merges, link, conflicts };
    }
    // Nobody knows the strong identifier: the anonymous profile the weak ones found becomes this person.
    const anonymous = weakOwners.filter((o) => o.anonymous);
    const base = anonymous[0];
    if (base) {
      const merges = anonymous.slice(1).map((o) => ({ customerId: o.customerId, reason }));
      return { target: { kind: 'existing', customerId: base.customerId }, promote: true, merges, link, conflicts };
    }
    return { target: { kind: 'new', anonymous: false }, promote: false, merges: [], link, conflicts };
  }

  if (weakOwners.length === 0) return { target: { kind: 'new', anonymous: true }, promote: false, merges: [], link, conflicts };
  const identified = weakOwners.filter((o) => !o.anonymous);
  const chosen = identified.length === 1 ? identified[0]! : (identified.length > 1 ? identified : weakOwners)[0]!;
  return { target: { kind: 'existing', customerId: chosen.customerId }, promote: false, merges: [], link, conflicts };
}

/** Distinct profiles, earliest created first (ties by id) so the choice never depends on input order. */
function uniqueProfiles(list: KnownProfile[]): KnownProfile[] {
  const byId = new Map<string, KnownProfile>();
  for (const p of list) byId.set(p.customerId, p);
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.customerId.localeCompare(b.customerId));
}
