import type { LocalizedText, ModelDetail, ModelPsi, PsiBand, WhatIfRun, WhatIfStrategySummary } from '@autofin/contracts';
import type { ChartOption } from '../../ui/chart.tsx';
import { chartPalette, colors } from '../../ui/theme.ts';
import type { Locale } from '../../ui/format.ts';

const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
const pct = (x: number, places = 1) => `${(x * 100).toFixed(places)}%`;
const text = (t: LocalizedText, locale: Locale) => (locale === 'zh-CN' ? t.zh : t.en);

/** PSI rule-of-thumb colours: stable green, watch amber, shifted red. */
export const PSI_COLORS: Record<PsiBand, string> = { stable: colors.success, watch: colors.warning, shifted: colors.danger };

/** Band labels of the training score deciles, as the calibration table reads them. */
export function bandLabel(from: number | null, to: number | null): string {
  if (from === null && to === null) return '—';
  if (from === null) return `< ${to}`;
  if (to === null) return `≥ ${from}`;
  return `${from}–${to}`;
}

/** Share of the training sample per score band (the deciles kept for PSI). */
export function scoreDistributionOption(model: ModelDetail, m: { scoreShare: string }): ChartOption {
  const edges = model.scoreDistribution.edges;
  const labels = model.scoreDistribution.shares.map((_, k) => bandLabel(k === 0 ? null : (edges[k - 1] as number), k === edges.length ? null : (edges[k] as number)));
  return {
    grid,
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(Number(v)) },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => pct(v, 0) } },
    series: [{ name: m.scoreShare, type: 'bar', data: model.scoreDistribution.shares, itemStyle: { color: chartPalette[0] }, barMaxWidth: 36 }],
  };
}

/** Observed bad rate (bars) and mean predicted PD (line) per training score band. */
export function calibrationOption(model: ModelDetail, m: { observed: string; predicted: string }): ChartOption {
  const bands = model.training.calibration;
  return {
    grid,
    legend: { top: 0, right: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : pct(Number(v), 2)) },
    xAxis: { type: 'category', data: bands.map((b) => bandLabel(b.from, b.to)), axisLabel: { interval: 0, rotate: bands.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => pct(v, 0) } },
    series: [
      { name: m.observed, type: 'bar', data: bands.map((b) => b.observedBadRate), itemStyle: { color: chartPalette[3] }, barMaxWidth: 36 },
      { name: m.predicted, type: 'line', data: bands.map((b) => b.meanPd), itemStyle: { color: chartPalette[0] }, symbolSize: 7 },
    ],
  };
}

/** WOE of each bin of one characteristic (positive = better than average). */
export function binWoeOption(model: ModelDetail, name: string, locale: Locale, m: { woe: string }): ChartOption {
  const c = model.scorecard.find((x) => x.name === name);
  const bins = c?.bins ?? [];
  return {
    grid,
    tooltip: { trigger: 'axis', valueFormatter: (v) => Number(v).toFixed(3) },
    xAxis: { type: 'category', data: bins.map((b) => text(b.label, locale)), axisLabel: { interval: 0, rotate: bins.length > 4 ? 20 : 0 } },
    yAxis: { type: 'value' },
    series: [
      {
        name: m.woe,
        type: 'bar',
        barMaxWidth: 40,
        data: bins.map((b) => ({ value: Number(b.woe.toFixed(4)), itemStyle: { color: b.woe >= 0 ? colors.success : colors.danger } })),
      },
    ],
  };
}

/**
 * PSI per characteristic, bars coloured by band, with the 0.10 and 0.25 thresholds drawn as
 * dashed lines so the reader sees at once which characteristics moved.
 */
export function psiBarsOption(psi: ModelPsi, m: { score: string }): ChartOption {
  const watchLine = 'PSI = 0.10';
  const shiftLine = 'PSI = 0.25';
  const items = [{ name: m.score, psi: psi.score.psi, band: psi.score.band }, ...psi.characteristics.map((c) => ({ name: c.name, psi: c.psi, band: c.band }))];
  const names = items.map((i) => i.name);
  const flat = (y: number) => names.map(() => y);
  return {
    grid,
    legend: { top: 0, right: 0, data: [watchLine, shiftLine] },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : Number(v).toFixed(4)) },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(0.3, Math.ceil(v.max * 20) / 20) },
    series: [
      {
        name: 'PSI',
        type: 'bar',
        barMaxWidth: 36,
        data: items.map((i, k) => ({ value: i.psi === null ? 0 : Number(i.psi.toFixed(4)), itemStyle: { color: i.band ? PSI_COLORS[i.band] : colors.border, ...(k === 0 ? { borderColor: colors.text, borderWidth: 1 } : {}) } })),
      },
      { name: watchLine, type: 'line', data: flat(0.1), symbol: 'none', lineStyle: { type: 'dashed', color: colors.warning }, itemStyle: { color: colors.warning }, tooltip: { show: false } },
      { name: shiftLine, type: 'line', data: flat(0.25), symbol: 'none', lineStyle: { type: 'dashed', color: colors.danger }, itemStyle: { color: colors.danger }, tooltip: { show: false } },
    ],
  };
}

/** Training vs recent shares of one characteristic's bins (or the score bands). */
export function psiDistributionOption(bins: ModelPsi['score']['bins'], locale: Locale, m: { expected: string; actual: string }): ChartOption {
  return {
    grid,
    legend: { top: 0, right: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(Number(v)) },
    xAxis: { type: 'category', data: bins.map((b) => text(b.label, locale)), axisLabel: { interval: 0, rotate: bins.length > 3 ? 25 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => pct(v, 0) } },
    series: [
      { name: m.expected, type: 'bar', data: bins.map((b) => b.expected), itemStyle: { color: chartPalette[6] }, barMaxWidth: 28 },
      { name: m.actual, type: 'bar', data: bins.map((b) => b.actual), itemStyle: { color: chartPalette[0] }, barMaxWidth: 28 },
    ],
  };
}

/** Approval rate and expected bad rate, published vs draft. */
export function whatIfRatesOption(run: WhatIfRun, m: { approvalRate: string; expectedBadRate: string; published: string; candidate: string }): ChartOption {
  const r = run.result;
  const cats = [m.approvalRate, m.expectedBadRate];
  // A strategy that approves nobody has no expected bad rate: no bar rather than a 0 % one.
  const vals = (s: WhatIfStrategySummary) => [s.approvalRate ?? '-', s.expectedBadRate ?? '-'];
  return {
    grid,
    legend: { top: 0, right: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(Number(v), 2) },
    xAxis: { type: 'category', data: cats },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => pct(v, 0) } },
    series: [
      { name: m.published, type: 'bar', data: vals(r.baseline), itemStyle: { color: chartPalette[6] }, barMaxWidth: 40, label: { show: true, position: 'top', formatter: (p: { value: unknown }) => (p.value === '-' ? '' : pct(Number(p.value), 1)) } },
      { name: m.candidate, type: 'bar', data: vals(r.candidate), itemStyle: { color: chartPalette[0] }, barMaxWidth: 40, label: { show: true, position: 'top', formatter: (p: { value: unknown }) => (p.value === '-' ? '' : pct(Number(p.value), 1)) } },
    ],
  };
}

/** Applications and approvals per risk tier, published vs draft. */
export function whatIfTiersOption(run: WhatIfRun, m: { published: string; candidate: string; perTier: string; approvedPerTier: string }): ChartOption {
  const r = run.result;
  const tierGrid = { ...grid, top: 16, bottom: 48 };
  const tiers = r.candidate.byTier.map((t) => t.tier);
  const of = (s: WhatIfStrategySummary, key: 'count' | 'approved') => tiers.map((t) => s.byTier.find((x) => x.tier === t)?.[key] ?? 0);
  return {
    grid: tierGrid,
    legend: { bottom: 0, left: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: tiers },
    yAxis: { type: 'value' },
    series: [
      { name: `${m.published} · ${m.perTier}`, type: 'bar', data: of(r.baseline, 'count'), itemStyle: { color: '#c9d2e6' }, barMaxWidth: 26 },
      { name: `${m.candidate} · ${m.perTier}`, type: 'bar', data: of(r.candidate, 'count'), itemStyle: { color: '#9fb4ef' }, barMaxWidth: 26 },
      { name: `${m.published} · ${m.approvedPerTier}`, type: 'bar', data: of(r.baseline, 'approved'), itemStyle: { color: chartPalette[6] }, barMaxWidth: 26 },
      { name: `${m.candidate} · ${m.approvedPerTier}`, type: 'bar', data: of(r.candidate, 'approved'), itemStyle: { color: chartPalette[0] }, barMaxWidth: 26 },
    ],
  };
}
