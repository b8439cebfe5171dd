import { CITIES, PROVINCES, type CitySeed } from './data/geo.data.ts';
import { MAKES, MODELS, type Fuel, type MakeSeed, type ModelSeed } from './data/vehicles.data.ts';
import { BROKER_NAMES, ECOMMERCE_NAMES, GROUP_NAMES, USED_DEALER_WORDS } from './data/names.data.ts';
import { Rng, WeightedTable } from './random.ts';
import { IdKind, idPrefix, simId } from './ids.ts';
import { isoDate, isoTimestamp } from './dates.ts';
import { TableBuffer } from './table-buffer.ts';

export interface City extends CitySeed {
  id: number;
  index: number;
}

export interface Trim {
  id: number;
  modelId: number;
  make: MakeSeed;
  model: ModelSeed;
  name: string;
  fuel: Fuel;
  listPriceFen: number;
  /** Sampling weight within the market (model popularity shared among its trims). */
  weight: number;
}

export type DealerFormat = '4s' | 'used' | 'nev_direct';

export interface Dealer {
  partnerId: string;
  index: number;
  format: DealerFormat;
  makeId: number | null;
  city: City;
}

/** Everything the customer generator needs to know about the market it lives in. */
export interface Market {
  cities: City[];
  cityTable: WeightedTable<City>;
  trims: Trim[];
  dealers: Dealer[];
  /** Franchised (4S / NEV direct) dealers per make id. */
  dealersByMake: Map<number, Dealer[]>;
  usedDealers: Dealer[];
  partnerCount: number;
}

export function buildReference(seed: number, dealerCount: number, windowStartDay: number): { market: Market; tables: TableBuffer[] } {
  const provinces = new TableBuffer('provinces', [
    ['id', 'int2'],
    ['name', 'text'],
    ['name_en', 'text'],
    ['region', 'text'],
  ]);
  for (const p of PROVINCES) provinces.push(p.id, p.name, p.nameEn, p.region);

  const cityBuf = new TableBuffer('cities', [
    ['id', 'int4'],
    ['province_id', 'int2'],
    ['name', 'text'],
    ['name_en', 'text'],
    ['tier', 'int2'],
    ['market_weight', 'int4'],
    ['plate_restricted', 'bool'],
  ]);
  const cities: City[] = CITIES.map((c, index) => ({ ...c, id: index + 1, index }));
  for (const c of cities) cityBuf.push(c.id, c.provinceId, c.name, c.nameEn, c.tier, c.marketWeight, c.plateRestricted ?? false);

  const makes = new TableBuffer('makes', [
    ['id', 'int2'],
    ['name', 'text'],
    ['name_en', 'text'],
    ['origin', 'text'],
    ['nev_only', 'bool'],
    ['direct_sales', 'bool'],
  ]);
  for (const m of MAKES) makes.push(m.id, m.name, m.nameEn, m.origin, m.nevOnly, m.directSales);

  const models = new TableBuffer('models', [
    ['id', 'int4'],
    ['make_id', 'int2'],
    ['name', 'text'],
    ['name_en', 'text'],
    ['body', 'text'],
    ['segment', 'text'],
    ['residual_y1_bp', 'int4'],
    ['residual_decay_bp', 'int4'],
  ]);
  const trimBuf = new TableBuffer('trims', [
    ['id', 'int4'],
    ['model_id', 'int4'],
    ['name', 'text'],
    ['fuel', 'text'],
    ['model_year', 'int2'],
    ['list_price_fen', 'int8'],
  ]);
  const trims: Trim[] = [];
  const makeById = new Map(MAKES.map((m) => [m.id, m]));
  MODELS.forEach((model, mi) => {
    const modelId = mi + 1;
    const make = makeById.get(model.makeId)!;
    models.push(modelId, model.makeId, model.name, model.nameEn, model.body, model.segment, model.residualY1Bp, model.residualDecayBp);
    model.trims.forEach(([name, fuel, yuan], ti) => {
      const id = modelId * 10 + ti + 1;
      // Entry trims sell more than top trims.
      const weight = (model.popularity * (model.trims.length - ti)) / ((model.trims.length * (model.trims.length + 1)) / 2);
      trims.push({ id, modelId, make, model, name, fuel, listPriceFen: yuan * 100, weight });
      trimBuf.push(id, modelId, name, fuel, 2025, yuan * 100);
    });
  });

  const cityTable = new WeightedTable(
    cities,
    cities.map((c) => c.marketWeight),
  );

  // Partners: OEMs, dealer groups, dealers, e-commerce platforms, brokers.
  const rng = new Rng(seed, 1, 0);
  const partnerPrefix = idPrefix(seed, IdKind.partner);
  const partners = new TableBuffer('partners', [
    ['id', 'uuid'],
    ['type', 'text'],
    ['name', 'text'],
    ['parent_id', 'uuid'],
    ['city_id', 'int4'],
    ['status', 'text'],
    ['source', 'text'],
    ['created_at', 'timestamptz'],
  ]);
  const dealerBuf = new TableBuffer('dealers', [
    ['partner_id', 'uuid'],
    ['format', 'text'],
    ['make_id', 'int2'],
    ['city_id', 'int4'],
    ['opened_on', 'date'],
  ]);
  let partnerIndex = 0;
  const createdAt = (): string => isoTimestamp(windowStartDay - rng.int(30, 2_000), rng.int(8 * 3600, 18 * 3600));
  const addPartner = (type: string, name: string, parentId: string | null, cityId: number | null): string => {
    const id = simId(partnerPrefix, partnerIndex++);
    partners.push(id, type, name, parentId, cityId, 'active', 'simulator', createdAt());
    return id;
  };

  for (const m of MAKES) addPartner('oem', `${m.name}汽车（${m.nameEn}）`, null, null);
  const bigCities = cities.filter((c) => c.tier <= 2);
  const groupCount = Math.max(1, Math.round(dealerCount / 12));
  const groups: string[] = [];
  for (let g = 0; g < groupCount; g++) {
    const base = GROUP_NAMES[g % GROUP_NAMES.length]!;
    const suffix = g >= GROUP_NAMES.length ? `${Math.floor(g / GROUP_NAMES.length) + 1}` : '';
    groups.push(addPartner('dealer_group', `${base}${suffix}汽车集团`, null, rng.pick(bigCities).id));
  }

  // Dealer formats: 60% franchised 4S, 15% NEV direct stores, 25% used-car dealers.
  const directMakes = MAKES.filter((m) => m.directSales);
  const franchiseMakes = MAKES.filter((m) => !m.directSales);
  const popularity = (m: MakeSeed): number => MODELS.filter((x) => x.makeId === m.id).reduce((a, x) => a + x.popularity, 0);
  const byPopularity = (list: MakeSeed[]): MakeSeed[] => [...list].sort((a, b) => popularity(b) - popularity(a) || a.id - b.id);
  // Exactly dealerCount stores, at least one franchised (so new cars can always be sold).
  const nDirect = Math.round(dealerCount * 0.15);
  const nUsed = Math.min(Math.round(dealerCount * 0.25), dealerCount - nDirect - 1);
  const nFranchise = dealerCount - nDirect - nUsed;
  // Cover every brand once in popularity order before sampling by popularity, so small markets still sell the big brands.
  const assign = (list: MakeSeed[], n: number): MakeSeed[] => {
    const ordered = byPopularity(list);
    const out: MakeSeed[] = ordered.slice(0, n);
    const table = new WeightedTable(ordered, ordered.map(popularity));
    while (out.length < n) out.push(table.draw(rng));
    return out;
  };
  const dealerPlan: Array<{ format: DealerFormat; make: MakeSeed | null }> = [
    ...assign(franchiseMakes, nFranchise).map((make) => ({ format: '4s' as const, make })),
    ...assign(directMakes, nDirect).map((make) => ({ format: 'nev_direct' as const, make })),
    ...Array.from({ length: nUsed }, () => ({ format: 'used' as const, make: null })),
  ];
  const dealers: Dealer[] = [];
  const names = new Map<string, number>();
  const unique = (name: string): string => {
    const n = (names.get(name) ?? 0) + 1;
    names.set(name, n);
    return n === 1 ? name : `${name}（${n}店）`;
  };
  dealerPlan.forEach((plan, i) => {
    // The first dealers go to the biggest cities so that a small market still covers tier 1.
    const city = i < 4 ? cities[i]! : cityTable.draw(rng);
    const name =
      plan.format === '4s'
        ? unique(`${city.name}${plan.make!.name}4S店`)
        : plan.format === 'nev_direct'
          ? unique(`${plan.make!.name}${city.name}用户中心`)
          : unique(`${city.name}${rng.pick(USED_DEALER_WORDS)}二手车`);
    const parent = plan.format === '4s' && rng.chance(0.5) ? rng.pick(groups) : null;
    const partnerId = addPartner('dealer', name, parent, city.id);
    dealerBuf.push(partnerId, plan.format, plan.make?.id ?? null, city.id, isoDate(windowStartDay - rng.int(60, 3_600)));
    dealers.push({ partnerId, index: i, format: plan.format, makeId: plan.make?.id ?? null, city });
  });
  for (const name of ECOMMERCE_NAMES.slice(0, 2)) addPartner('ecommerce', name, null, null);
  const brokers = Math.max(2, Math.round(dealerCount / 20));
  for (let b = 0; b < brokers; b++) {
    const base = BROKER_NAMES[b % BROKER_NAMES.length]!;
    addPartner('broker', b >= BROKER_NAMES.length ? `${base}${Math.floor(b / BROKER_NAMES.length) + 1}` : base, null, rng.pick(cities).id);
  }

  const dealersByMake = new Map<number, Dealer[]>();
  for (const d of dealers) {
    if (d.makeId === null) continue;
    const list = dealersByMake.get(d.makeId) ?? [];
    list.push(d);
    dealersByMake.set(d.makeId, list);
  }
  return {
    market: {
      cities,
      cityTable,
      trims,
      dealers,
      dealersByMake,
      usedDealers: dealers.filter((d) => d.format === 'used'),
      partnerCount: partnerIndex,
    },
    tables: [provinces, cityBuf, makes, models, trimBuf, partners, dealerBuf],
  };
}
