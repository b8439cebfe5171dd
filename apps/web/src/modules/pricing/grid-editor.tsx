import type { ReactNode } from 'react';
import { Input, InputNumber, Table, Tabs } from 'antd';
import type { PricingGrid } from '@autofin/contracts';
import { useLocale, label } from '../../i18n/locale-provider.tsx';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { quotesMessages } from '../quotes/quotes.i18n.ts';
import { bi } from '../quotes/money.ts';
import { pricingMessages } from './pricing.i18n.ts';

/** One editable column: how to read the cell and how to write it back. */
interface Column<R> {
  key: string;
  title: ReactNode;
  width?: number;
  kind?: 'percent' | 'int' | 'text' | 'fixed';
  get: (row: R) => string | number;
  set?: (row: R, value: string | number) => R;
  render?: (row: R) => ReactNode;
}

/** A small table whose cells are inputs while the grid is an editable draft. */
function EditTable<R>({ rows, columns, onChange, readOnly, testId }: { rows: readonly R[]; columns: Column<R>[]; onChange: (rows: R[]) => void; readOnly: boolean; testId: string }) {
  const update = (index: number, column: Column<R>, value: string | number) => {
    if (!column.set) return;
    onChange(rows.map((row, i) => (i === index ? column.set!(row, value) : row)));
  };
  return (
    <Table<R & { __index: number }>
      size="small"
      pagination={false}
      rowKey="__index"
      data-testid={testId}
      className="grid-table"
      dataSource={rows.map((row, i) => ({ ...row, __index: i }))}
      columns={columns.map((column) => ({
        key: column.key,
        title: column.title,
        width: column.width,
        align: column.kind === 'percent' || column.kind === 'int' ? ('right' as const) : undefined,
        render: (_: unknown, row: R & { __index: number }) => {
          if (column.render) return column.render(row);
          const value = column.get(row);
          if (readOnly || !column.set || column.kind === 'fixed') return <span className={column.kind === 'percent' || column.kind === 'int' ? 'mono-num' : ''}>{value}</span>;
          if (column.kind === 'int') {
            return <InputNumber size="small" min={0} precision={0} value={Number(value)} onChange={(v) => update(row.__index, column, v ?? 0)} className="grid-input grid-input--num" />;
          }
          return (
            <Input
              size="small"
              value={String(value)}
              onChange={(e) => update(row.__index, column, e.target.value)}
              className={column.kind === 'percent' ? 'grid-input grid-input--num' : 'grid-input'}
              data-field={`${testId}.${row.__index}.${column.key}`}
            />
          );
        },
      }))}
    />
  );
}

/** The grid's tables: cost of funds, tiers, products, LTV bands and the adjustments. */
export function GridEditor({ grid, onChange, readOnly }: { grid: PricingGrid; onChange: (grid: PricingGrid) => void; readOnly: boolean }) {
  const m = useModuleMessages(pricingMessages);
  const q = useModuleMessages(quotesMessages);
  const { locale } = useLocale();
  const c = m.cols;
  const set = <K extends keyof PricingGrid>(key: K) => (value: PricingGrid[K]) => onChange({ ...grid, [key]: value });
  const adj = { key: 'adj', title: c.adjustment, width: 120, kind: 'percent' as const };

  return (
    <Tabs
      className="grid-tabs"
      items={[
        {
          key: 'funds',
          label: m.sections.costOfFunds,
          children: (
            <div className="grid-split">
              <EditTable
                testId="grid-cost-of-funds"
                readOnly={readOnly}
                rows={grid.costOfFunds}
                onChange={set('costOfFunds')}
                columns={[
                  { key: 'term', title: c.term, kind: 'int', get: (r) => r.termMonths, set: (r, v) => ({ ...r, termMonths: Number(v) }) },
                  { key: 'rate', title: c.rate, kind: 'percent', get: (r) => r.ratePercent, set: (r, v) => ({ ...r, ratePercent: String(v) }) },
                ]}
              />
              <EditTable
                testId="grid-risk-tiers"
                readOnly={readOnly}
                rows={grid.riskTiers}
                onChange={set('riskTiers')}
                columns={[
                  { key: 'tier', title: c.tier, kind: 'fixed', get: (r) => label(q.tiers, r.tier) },
                  { key: 'pd', title: c.pd, kind: 'percent', get: (r) => r.pd12mPercent, set: (r, v) => ({ ...r, pd12mPercent: String(v) }) },
                ]}
              />
            </div>
          ),
        },
        {
          key: 'products',
          label: m.sections.products,
          children: (
            <EditTable
              testId="grid-products"
              readOnly={readOnly}
              rows={grid.products}
              onChange={set('products')}
              columns={[
                {
                  key: 'code',
                  title: c.code,
                  width: 190,
                  get: (r) => r.code,
                  render: (r) => (
                    <div className="cell-stack">
                      <span className="code-tag">{r.code}</span>
                      <span className="cell-stack__sub">
                        {bi(r.label, locale)} · {label(m.conditions, r.vehicleCondition)} · {r.termsMonths.join('/')}
                      </span>
                    </div>
                  ),
                },
                { key: 'maxLtv', title: c.maxLtv, kind: 'percent', get: (r) => r.maxLtvPercent, set: (r, v) => ({ ...r, maxLtvPercent: String(v) }) },
                { key: 'opex', title: c.opex, kind: 'percent', get: (r) => r.operatingCostPercent, set: (r, v) => ({ ...r, operatingCostPercent: String(v) }) },
                { key: 'margin', title: c.margin, kind: 'percent', get: (r) => r.targetMarginPercent, set: (r, v) => ({ ...r, targetMarginPercent: String(v) }) },
                { key: 'floor', title: c.floor, kind: 'percent', get: (r) => r.floorPercent, set: (r, v) => ({ ...r, floorPercent: String(v) }) },
                { key: 'ceiling', title: c.ceiling, kind: 'percent', get: (r) => r.ceilingPercent, set: (r, v) => ({ ...r, ceilingPercent: String(v) }) },
              ]}
            />
          ),
        },
        {
          key: 'ltv',
          label: m.sections.ltvBands,
          children: (
            <EditTable
              testId="grid-ltv-bands"
              readOnly={readOnly}
              rows={grid.ltvBands}
              onChange={set('ltvBands')}
              columns={[
                { key: 'code', title: c.code, kind: 'fixed', get: (r) => r.code },
                { key: 'max', title: c.bandMax, kind: 'percent', get: (r) => r.maxLtvPercent, set: (r, v) => ({ ...r, maxLtvPercent: String(v) }) },
                { key: 'ice', title: c.lgdIce, kind: 'percent', get: (r) => r.lgdPercent.new_ice, set: (r, v) => ({ ...r, lgdPercent: { ...r.lgdPercent, new_ice: String(v) } }) },
                { key: 'nev', title: c.lgdNev, kind: 'percent', get: (r) => r.lgdPercent.new_nev, set: (r, v) => ({ ...r, lgdPercent: { ...r.lgdPercent, new_nev: String(v) } }) },
                { key: 'used', title: c.lgdUsed, kind: 'percent', get: (r) => r.lgdPercent.used, set: (r, v) => ({ ...r, lgdPercent: { ...r.lgdPercent, used: String(v) } }) },
                { ...adj, get: (r) => r.adjustmentPercent, set: (r, v) => ({ ...r, adjustmentPercent: String(v) }) },
              ]}
            />
          ),
        },
        {
          key: 'adjustments',
          label: m.sections.adjustments,
          children: (
            <div className="grid-adjustments">
              <section>
                <h5>{m.adjustments.region}</h5>
                <EditTable
                  testId="grid-region"
                  readOnly={readOnly}
                  rows={grid.regionAdjustments}
                  onChange={set('regionAdjustments')}
                  columns={[
                    { key: 'tier', title: c.cityTier, kind: 'fixed', get: (r) => label(q.cityTiers, String(r.cityTier)) },
                    { ...adj, get: (r) => r.adjustmentPercent, set: (r, v) => ({ ...r, adjustmentPercent: String(v) }) },
                  ]}
                />
              </section>
              <section>
                <h5>{m.adjustments.fuel}</h5>
                <EditTable
                  testId="grid-fuel"
                  readOnly={readOnly}
                  rows={grid.fuelAdjustments}
                  onChange={set('fuelAdjustments')}
                  columns={[
                    { key: 'fuel', title: c.fuel, kind: 'fixed', get: (r) => r.fuel },
                    { ...adj, get: (r) => r.adjustmentPercent, set: (r, v) => ({ ...r, adjustmentPercent: String(v) }) },
                  ]}
                />
              </section>
              <section>
                <h5>{m.adjustments.usedAge}</h5>
                <EditTable
                  testId="grid-used-age"
                  readOnly={readOnly}
                  rows={grid.usedCarAgeBands}
                  onChange={set('usedCarAgeBands')}
                  columns={[
                    { key: 'age', title: c.maxAge, kind: 'int', get: (r) => r.maxAgeMonths, set: (r, v) => ({ ...r, maxAgeMonths: Number(v) }) },
                    { ...adj, get: (r) => r.adjustmentPercent, set: (r, v) => ({ ...r, adjustmentPercent: String(v) }) },
                  ]}
                />
              </section>
              <section>
                <h5>{m.adjustments.channel}</h5>
                <EditTable
                  testId="grid-channel"
                  readOnly={readOnly}
                  rows={grid.channelAdjustments}
                  onChange={set('channelAdjustments')}
                  columns={[
                    { key: 'channel', title: c.channel, kind: 'fixed', get: (r) => label(m.channels, r.channel) },
                    { ...adj, get: (r) => r.adjustmentPercent, set: (r, v) => ({ ...r, adjustmentPercent: String(v) }) },
                  ]}
                />
              </section>
              <section>
                <h5>{m.adjustments.dealer}</h5>
                <EditTable
                  testId="grid-dealer"
                  readOnly={readOnly}
                  rows={grid.dealerGradeAdjustments}
                  onChange={set('dealerGradeAdjustments')}
                  columns={[
                    { key: 'grade', title: c.grade, kind: 'fixed', get: (r) => r.grade },
                    { ...adj, get: (r) => r.adjustmentPercent, set: (r, v) => ({ ...r, adjustmentPercent: String(v) }) },
                  ]}
                />
              </section>
              <section>
                <h5>{m.adjustments.loyalty}</h5>
                <EditTable
                  testId="grid-loyalty"
                  readOnly={readOnly}
                  rows={grid.loyaltyAdjustments}
                  onChange={set('loyaltyAdjustments')}
                  columns={[
                    { key: 'min', title: c.minPriorLoans, kind: 'int', get: (r) => r.minPriorLoans, set: (r, v) => ({ ...r, minPriorLoans: Number(v) }) },
                    { ...adj, get: (r) => r.adjustmentPercent, set: (r, v) => ({ ...r, adjustmentPercent: String(v) }) },
                  ]}
                />
              </section>
            </div>
          ),
        },
      ]}
    />
  );
}

