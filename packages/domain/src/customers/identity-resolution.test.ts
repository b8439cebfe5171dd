import { describe, expect, it } from 'vitest';
import { identityKeyString, resolveIdentity, type IdentityKey, type KnownProfile } from './identity-resolution.ts';

const id = (hash: string): IdentityKey => ({ type: 'id_number', hash });
const phone = (hash: string): IdentityKey => ({ type: 'phone', hash });
const device = (hash: string): IdentityKey => ({ type: 'device_id', hash });
const cookie = (hash: string): IdentityKey => ({ type: 'cookie', hash });
const anon = (customerId: string, createdAt = '2026-01-01'): KnownProfile => ({ customerId, anonymous: true, createdAt });
const person = (customerId: string, createdAt = '2026-01-01'): KnownProfile => ({ customerId, anonymous: false, createdAt });
const owners = (...pairs: Array<[IdentityKey, KnownProfile]>) => new Map(pairs.map(([k, p]) => [identityKeyString(k), p]));

describe('resolveIdentity: merges that must happen', () => {
  it('a verified phone arriving with a device known only to an anonymous profile merges that profile into the phone owner', () => {
    const plan = resolveIdentity([device('d1'), phone('p1')], owners([device('d1'), anon('A')], [phone('p1'), person('B')]));
    expect(plan.target).toEqual({ kind: 'existing', customerId: 'B' });
    expect(plan.merges).toEqual([{ customerId: 'A', reason: 'strong identifier phone arrived' }]);
    expect(plan.link).toEqual([]);
  });

  it('an unknown ID number promotes the anonymous profile its device found, and links the ID number', () => {
    const plan = resolveIdentity([device('d1'), id('i1')], owners([device('d1'), anon('A')]));
    expect(plan.target).toEqual({ kind: 'existing', customerId: 'A' });
    expect(plan.promote).toBe(true);
    expect(plan.link).toEqual([id('i1')]);
  });

  it('two anonymous profiles (device and cookie) are both folded into the person when a strong identifier arrives', () => {
    const plan = resolveIdentity([cookie('c1'), device('d1'), id('i1')], owners([device('d1'), anon('A', '2026-01-01')], [cookie('c1'), anon('C', '2026-02-01')], [id('i1'), person('P')]));
    expect(plan.target).toEqual({ kind: 'existing', customerId: 'P' });
    expect(plan.merges.map((m) => m.customerId)).toEqual(['A', 'C']);
  });
});

describe('resolveIdentity: merges that must NOT happen', () => {
  it('a device shared by two identified people never merges them: the ID number decides, the device stays with its owner', () => {
    const plan = resolveIdentity([device('d1'), id('i2')], owners([device('d1'), person('X')], [id('i2'), person('Y')]));
    expect(plan.target).toEqual({ kind: 'existing', customerId: 'Y' });
    expect(plan.merges).toEqual([]);
    expect(plan.link).toEqual([]);
  });

  it('an ID number and a verified phone of two different people: the ID number wins, a conflict is reported, nobody is merged', () => {
    const plan = resolveIdentity([phone('p1'), id('i1')], owners([phone('p1'), person('X')], [id('i1'), person('Y')]));
    expect(plan.target).toEqual({ kind: 'existing', customerId: 'Y' });
    expect(plan.merges).toEqual([]);
    expect(plan.conflicts).toEqual([{ customerId: 'X', identity: 'phone' }]);
  });

  it('weak identifiers of two anonymous profiles do not merge them (no strong identifier)', () => {
    const plan = resolveIdentity([device('d1'), cookie('c1')], owners([device('d1'), anon('A', '2026-03-01')], [cookie('c1'), anon('B', '2026-01-01')]));
    expect(plan.merges).toEqual([]);
    expect(plan.target).toEqual({ kind: 'existing', customerId: 'B' }); // the earlier-created one
  });

  it('an unverified phone is weak: a new profile is anonymous and a verified phone is not matched by it', () => {
    const plan = resolveIdentity([{ type: 'phone_unverified', hash: 'p1' }], owners([phone('p1'), person('X')]));
    expect(plan.target).toEqual({ kind: 'new', anonymous: true });
  });

  it('a new ID number with a device that belongs to someone else creates a new identified person', () => {
    const plan = resolveIdentity([device('d1'), id('new')], owners([device('d1'), person('X')]));
    expect(plan.target).toEqual({ kind: 'new', anonymous: false });
    expect(plan.link).toEqual([id('new')]);
  });
});

describe('resolveIdentity: weak identifiers only find', () => {
  it('an unknown cookie creates an anonymous profile and is linked to it', () => {
    const plan = resolveIdentity([cookie('c1')], new Map());
    expect(plan).toEqual({ target: { kind: 'new', anonymous: true }, promote: false, merges: [], link: [cookie('c1')], conflicts: [] });
  });
  it('a device linked to an identified person attaches the event there, and an unknown cookie is linked with it', () => {
    const plan = resolveIdentity([device('d1'), cookie('c9')], owners([device('d1'), person('X')]));
    expect(plan.target).toEqual({ kind: 'existing', customerId: 'X' });
    expect(plan.link).toEqual([cookie('c9')]);
  });
});
