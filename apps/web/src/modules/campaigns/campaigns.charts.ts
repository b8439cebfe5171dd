import type { ChartOption } from '../../ui/chart.tsx';
import { chartPalette } from '../../ui/theme.ts';
import type { CampaignReport } from './campaigns.api.ts';

export const FUNNEL_STAGES = ['targeted', 'sent', 'delivered', 'clicked', 'quotes', 'applications', 'approved', 'funded'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface FunnelStep {
  stage: FunnelStage;
  count: number;
  /** Share of the step before (null for the first, or when the step before is 0). */
  ofPrevious: number | null;
}

/** The report's funnel, top to bottom, with each step's conversion from the one before. */
export function funnelSteps(report: Pick<CampaignReport, FunnelStage>): FunnelStep[] {
  return FUNNEL_STAGES.map((stage, i) => {
    const count = report[stage];
    const previous = i === 0 ? null : report[FUNNEL_STAGES[i - 1] as FunnelStage];
    return { stage, count, ofPrevious: previous ? count / previous : null };
  });
}

/**
 * The funnel as horizontal bars, widest at the top. Bars rather than ECharts' funnel shape: a
 * campaign's later steps are a few per thousand of the first, which a trapezoid draws as a sliver
 * without its number; a bar keeps every count and its step conversion legible.
 */
export function funnelOption(steps: FunnelStep[], labels: Record<string, string>, ofPrevious: (rate: string) => string, locale: string): ChartOption {
  const rows = [...steps].reverse();
  return {
    grid: { left: 8, right: 150, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const step = rows[first.dataIndex];
        if (!step) return '';
        const rate = step.ofPrevious === null ? '' : `<br/>${ofPrevious(`${(step.ofPrevious * 100).toFixed(1)}%`)}`;
        return `${labels[step.stage] ?? step.stage}: <b>${step.count.toLocaleString(locale)}</b>${rate}`;
      },
    },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: rows.map((s) => labels[s.stage] ?? s.stage) },
    series: [
      {
        type: 'bar',
        barWidth: '62%',
        data: rows.map((s, i) => ({ value: s.count, itemStyle: { color: chartPalette[(rows.length - 1 - i) % chartPalette.length], borderRadius: [0, 4, 4, 0] } })),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { dataIndex: number }) => {
            const step = rows[p.dataIndex];
            if (!step) return '';
            return step.ofPrevious === null ? step.count.toLocaleString(locale) : `${step.count.toLocaleString(locale)}  (${(step.ofPrevious * 100).toFixed(1)}%)`;
          },
        },
      },
    ],
  };
}

/** Customers not sent to, per reason, largest first. */
export function suppressedOption(rows: Array<{ label: string; count: number }>, locale: string): ChartOption {
  const sorted = [...rows].sort((a, b) => a.count - b.count);
  return {
    grid: { left: 8, right: 60, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: sorted.map((r) => r.label), axisLabel: { width: 260, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        barWidth: '60%',
        data: sorted.map((r) => r.count),
        itemStyle: { color: '#d48806', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', formatter: (p: { value: unknown }) => Number(p.value).toLocaleString(locale) },
      },
    ],
  };
}

/** Cross-campaign: a count per group (bars) and the cost per unit of it (line, right axis). */
export function summaryOption(rows: Array<{ label: string; primary: number; perUnit: number | null }>, names: { primary: string; perUnit: string }): ChartOption {
  return {
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => r.label) },
    yAxis: [
      { type: 'value', name: names.primary, minInterval: 1 },
      { type: 'value', name: names.perUnit, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: names.primary, data: rows.map((r) => r.primary), barMaxWidth: 36, itemStyle: { borderRadius: [4, 4, 0, 0] } },
      { type: 'line', name: names.perUnit, yAxisIndex: 1, data: rows.map((r) => (r.perUnit === null ? null : Number(r.perUnit.toFixed(4)))), symbolSize: 8 },
    ],
  };
}
