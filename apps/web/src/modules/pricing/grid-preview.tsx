import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, InputNumber, Modal, Row, Segmented, Select, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Fuel, GridPreview, PriceRateResult, PricingGrid, RiskTier } from '@autofin/contracts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useLocale, label } from '../../i18n/locale-provider.tsx';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { quotesMessages } from '../quotes/quotes.i18n.ts';
import { BreakdownTable } from '../quotes/offer-detail.tsx';
import { bi, formatPercentText } from '../quotes/money.ts';
import { fuelList } from '../quotes/enums.ts';
import { pricingMessages } from './pricing.i18n.ts';
import { previewGrid } from './pricing.api.ts';

// The preview prices a notional loan (the rate depends on the LTV ratio, not the amount), as the
// server's previewGrid does, so a cell's build-up below is the same loan as the cell.
const NOTIONAL_FEN = 100_000_000;

interface Controls {
  productCode: string;
  columns: 'term' | 'ltvBand';
  ltvPercent: number;
  termMonths: number | null;
  cityTier: number;
  fuel: Fuel;
  ageMonths: number;
}

function heat(rate: number, min: number, max: number): { background: string; color: string } {
  const t = max > min ? (rate - min) / (max - min) : 0.5;
  // from #eef3ff (cheap) to #2f5be0 (dear)
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return { background: `rgb(${mix(238, 47)}, ${mix(243, 91)}, ${mix(255, 224)})`, color: t > 0.55 ? '#fff' : '#1d2330' };
}

/** Tiers × terms or tiers × LTV bands for the grid being edited, repriced as it changes. */
export function GridPreviewPanel({ grid }: { grid: PricingGrid }) {
  const m = useModuleMessages(pricingMessages);
  const q = useModuleMessages(quotesMessages);
  const { t } = useTranslation('pricing');
  const { locale } = useLocale();
  const errorMessage = useErrorMessage();
  const [controls, setControls] = useState<Controls>(() => ({
    productCode: grid.products[0]?.code ?? '',
    columns: 'term',
    ltvPercent: 70,
    termMonths: null,
    cityTier: 2,
    fuel: 'ICE',
    ageMonths: 24,
  }));
  const [preview, setPreview] = useState<GridPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [cell, setCell] = useState<{ tier: RiskTier; column: number } | null>(null);

  const product = grid.products.find((p) => p.code === controls.productCode) ?? grid.products[0];
  const term = controls.termMonths ?? product?.termsMonths[Math.floor(((product?.termsMonths.length ?? 1) - 1) / 2)] ?? 36;

  const base = useMemo(
    () =>
      product
        ? {
            productCode: product.code,
            cityTier: controls.cityTier,
            vehicle: { condition: product.vehicleCondition, fuel: controls.fuel, ageMonths: product.vehicleCondition === 'used' ? controls.ageMonths : 0 },
            channel: 'dealer' as const,
            priorLoans: 0,
            ...(controls.columns === 'term' ? { ltvPercent: String(controls.ltvPercent) } : { termMonths: term }),
          }
        : null,
    [product, controls, term],
  );

  // Debounced: typing a figure into the grid reprices once the user pauses.
  useEffect(() => {
    if (!base) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setBusy(true);
      previewGrid({ grid, base, columns: controls.columns }, controller.signal).then(
        (result) => {
          setPreview(result);
          setError(null);
          setBusy(false);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setError(e);
          setBusy(false);
        },
      );
    }, 350);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [grid, base, controls.columns]);

  const range = useMemo(() => {
    const rates = preview?.cells.flat().map((c) => Number(c.rate)) ?? [];
    return { min: Math.min(...rates), max: Math.max(...rates) };
  }, [preview]);

  const columnLabel = (index: number) => {
    const value = preview?.columnLabels[index] ?? '';
    return preview?.columns === 'term' ? t('preview.months', { n: value }) : value;
  };

  return (
    <Card
      variant="borderless"
      className="grid-preview"
      title={m.preview.title}
      extra={busy ? <Spin size="small" /> : <Typography.Text type="secondary" className="grid-preview__hint">{m.preview.hint}</Typography.Text>}
      data-testid="grid-preview"
    >
      <Row gutter={[8, 8]} className="grid-preview__controls">
        <Col span={12}>
          <label className="mini-label">{m.preview.product}</label>
          <Select
            size="small"
            style={{ width: '100%' }}
            value={product?.code}
            onChange={(v) => setControls((c) => ({ ...c, productCode: v, termMonths: null }))}
            options={grid.products.map((p) => ({ value: p.code, label: `${bi(p.label, locale)} (${p.code})` }))}
            data-testid="preview-product"
          />
        </Col>
        <Col span={12}>
          <label className="mini-label">{m.preview.columns}</label>
          <Segmented
            size="small"
            block
            value={controls.columns}
            onChange={(v) => setControls((c) => ({ ...c, columns: v as Controls['columns'] }))}
            options={[
              { value: 'term', label: m.preview.byTerm },
              { value: 'ltvBand', label: m.preview.byLtv },
            ]}
            data-testid="preview-columns"
          />
        </Col>
        <Col span={6}>
          {controls.columns === 'term' ? (
            <>
              <label className="mini-label">{m.preview.ltv}</label>
              <InputNumber size="small" min={1} max={100} value={controls.ltvPercent} onChange={(v) => setControls((c) => ({ ...c, ltvPercent: v ?? 70 }))} style={{ width: '100%' }} />
            </>
          ) : (
            <>
              <label className="mini-label">{m.preview.term}</label>
              <Select size="small" style={{ width: '100%' }} value={term} onChange={(v) => setControls((c) => ({ ...c, termMonths: v }))} options={(product?.termsMonths ?? []).map((n) => ({ value: n, label: String(n) }))} />
            </>
          )}
        </Col>
        <Col span={6}>
          <label className="mini-label">{m.preview.cityTier}</label>
          <Select size="small" style={{ width: '100%' }} value={controls.cityTier} onChange={(v) => setControls((c) => ({ ...c, cityTier: v }))} options={[1, 2, 3, 4].map((n) => ({ value: n, label: label(q.cityTiers, String(n)) }))} />
        </Col>
        <Col span={6}>
          <label className="mini-label">{m.preview.fuel}</label>
          <Select size="small" style={{ width: '100%' }} value={controls.fuel} onChange={(v) => setControls((c) => ({ ...c, fuel: v }))} options={fuelList.map((f) => ({ value: f, label: f }))} />
        </Col>
        <Col span={6}>
          <label className="mini-label">{m.preview.ageMonths}</label>
          <InputNumber size="small" min={0} max={600} disabled={product?.vehicleCondition !== 'used'} value={controls.ageMonths} onChange={(v) => setControls((c) => ({ ...c, ageMonths: v ?? 0 }))} style={{ width: '100%' }} />
        </Col>
      </Row>

      {error ? <Alert type="error" showIcon className="grid-preview__error" message={m.preview.failed} description={errorMessage(error)} data-testid="preview-error" /> : null}
      {!preview ? (
        <div className="grid-preview__empty">{busy ? <Spin /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}</div>
      ) : (
        <table className={`rate-matrix ${error ? 'rate-matrix--stale' : ''}`} data-testid="preview-matrix">
          <thead>
            <tr>
              <th>{m.preview.tier}</th>
              {preview.columnLabels.map((_, i) => (
                <th key={i}>{columnLabel(i)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rowLabels.map((tier, r) => (
              <tr key={tier}>
                <th>{label(q.tiers, tier)}</th>
                {(preview.cells[r] ?? []).map((c, i) => (
                  <td key={i}>
                    <button
                      type="button"
                      className="rate-cell"
                      style={heat(Number(c.rate), range.min, range.max)}
                      onClick={() => setCell({ tier, column: i })}
                      data-testid="preview-cell"
                      data-tier={tier}
                      data-column={preview.columnLabels[i]}
                    >
                      {formatPercentText(c.rate)}
                      {c.bound ? <span className="rate-cell__bound">{c.bound === 'floor' ? m.preview.floor : m.preview.ceiling}</span> : null}
                    </button>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CellBreakdown
        grid={grid}
        preview={preview}
        cell={cell}
        base={base}
        title={cell && product ? t('preview.breakdownTitle', { product: bi(product.label, locale), tier: cell.tier, column: columnLabel(cell.column) }) : ''}
        onClose={() => setCell(null)}
      />
    </Card>
  );
}

/**
 * The line-by-line build-up of one cell. The preview returns only the rates, so the console runs
 * the domain's own priceRate on the same grid and inputs (loaded on first use, so decimal.js and
 * the grid validator stay out of the main bundle).
 */
function CellBreakdown({
  grid,
  preview,
  cell,
  base,
  title,
  onClose,
}: {
  grid: PricingGrid;
  preview: GridPreview | null;
  cell: { tier: RiskTier; column: number } | null;
  base: { productCode: string; cityTier: number; vehicle: { condition: 'new' | 'used'; fuel: Fuel; ageMonths: number }; channel: 'dealer'; priorLoans: number; ltvPercent?: string; termMonths?: number } | null;
  title: string;
  onClose: () => void;
}) {
  const errorMessage = useErrorMessage();
  const [result, setResult] = useState<PriceRateResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setResult(null);
    setError(null);
    if (!cell || !preview || !base) return;
    let cancelled = false;
    const columnValue = preview.columnLabels[cell.column] ?? '';
    const termMonths = preview.columns === 'term' ? Number(columnValue) : (base.termMonths ?? 36);
    const ltv = preview.columns === 'term' ? (base.ltvPercent ?? '70') : (grid.ltvBands.find((b) => b.code === columnValue)?.maxLtvPercent ?? '70');
    void import('@autofin/domain/pricing/price-rate').then(
      ({ priceRate }) => {
        if (cancelled) return;
        try {
          const [whole = '0', fraction = ''] = ltv.split('.');
          // NOTIONAL × ltv / 100, floored to the fen, as the server's preview does (integers only).
          const scaled = BigInt(whole) * 1_000_000n + BigInt((fraction + '000000').slice(0, 6));
          const financed = Number((BigInt(NOTIONAL_FEN) * scaled) / 100_000_000n);
          setResult(
            priceRate(
              {
                productCode: base.productCode,
                riskTier: cell.tier,
                termMonths,
                amountFinancedFen: financed,
                vehicleValueFen: NOTIONAL_FEN,
                cityTier: base.cityTier,
                vehicle: base.vehicle,
                channel: base.channel,
                priorLoans: base.priorLoans,
              },
              grid,
            ),
          );
        } catch (e) {
          setError(e);
        }
      },
      (e: unknown) => {
        if (!cancelled) setError(e);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [cell, preview, base, grid]);

  return (
    <Modal open={!!cell} title={title} onCancel={onClose} footer={null} width={860} data-testid="cell-breakdown" destroyOnHidden>
      {error ? <Alert type="error" showIcon message={errorMessage(error)} /> : null}
      {result ? (
        <>
          <div className="cell-breakdown__rate">
            <span className="cell-breakdown__value" data-testid="cell-rate">
              {formatPercentText(result.rate)}
            </span>
            {result.bound ? <Tag color="orange">{result.bound}</Tag> : null}
            <Typography.Text type="secondary">
              {grid.id} v{grid.version} · {result.unroundedRate}
            </Typography.Text>
          </div>
          <BreakdownTable lines={result.lines} total={result.rate} testId="cell-lines" />
        </>
      ) : !error ? (
        <Spin />
      ) : null}
    </Modal>
  );
}
