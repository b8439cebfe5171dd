import dayjs from 'dayjs';
import type { Overview } from '@autofin/contracts';
import type { ChartOption } from '../../ui/chart.tsx';
import { formatCount, formatMoney, toWanForChart, type Locale } from '../../ui/format.ts';
import { chartPalette, colors } from '../../ui/theme.ts';
import { label } from '../../i18n/locale-provider.tsx';
import type { Messages } from '../../i18n/zh-CN.ts';

// The order an application moves through, so the chart reads like the pipeline.
const statusOrder = [
  'received',
  'in_review',
  'referred',
  'approved',
  'conditionally_approved',
  'contracted',
  'funded',
  'declined',
  'withdrawn',
  'expired',
];

const statusColor: Record<string, string> = {
  received: '#8ea5e8',
  in_review: '#5b7fe6',
  referred: '#7a5cf0',
  approved: '#2f9fd6',
  conditionally_approved: '#35b9c9',
  contracted: '#2f5be0',
  funded: colors.success,
  declined: colors.danger,
  withdrawn: '#a4adbd',
  expired: '#c4cad6',
};

interface Ctx {
  m: Messages;
  locale: Locale;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function tooltipRow(marker: string, name: string, value: string): string {
  return `<div style="display:flex;justify-content:space-between;gap:24px"><span>${marker}${escapeHtml(name)}</span><b>${escapeHtml(value)}</b></div>`;
}

const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };

export function applicationsByStatusOption(data: Overview['applicationsByStatus'], { m, locale }: Ctx): ChartOption {
  const rank = (s: string) => {
    const i = statusOrder.indexOf(s);
    return i === -1 ? statusOrder.length : i;
  };
  const rows = [...data].sort((a, b) => rank(a.status) - rank(b.status) || a.status.localeCompare(b.status));
  return {
    grid: { ...grid, top: 8, right: 56 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => formatCount(Number(v), locale),
    },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => label(m.status, r.status)) },
    // Every bar carries its figure, so the value axis only adds noise.
    xAxis: { type: 'value', axisLabel: { show: false }, splitLine: { show: false } },
    series: [
      {
        type: 'bar',
        name: m.overview.charts.applications,
        barMaxWidth: 18,
        data: rows.map((r) => ({ value: r.count, itemStyle: { color: statusColor[r.status] ?? chartPalette[6], borderRadius: [0, 3, 3, 0] } })),
        label: { show: true, position: 'right', color: colors.secondary, formatter: (p) => formatCount(Number(p.value), locale) },
      },
    ],
  };
}

function monthLabel(month: string, locale: Locale): string {
  const d = dayjs(`${month}-01`);
  if (!d.isValid()) return month;
  return locale === 'zh-CN' ? d.format('YY年M月') : d.format("MMM 'YY");
}

export function fundedByMonthOption(data: Overview['fundedByMonth'], { m, locale }: Ctx): ChartOption {
  const rows = [...data].sort((a, b) => a.month.localeCompare(b.month));
  const amounts = rows.map((r) => r.amount);
  return {
    grid: { ...grid, top: 48 },
    legend: { top: 0, right: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const first = list[0];
        if (!first) return '';
        const i = first.dataIndex;
        const row = rows[i];
        if (!row) return '';
        const lines = list.map((p) =>
          p.seriesIndex === 0
            ? tooltipRow(typeof p.marker === 'string' ? p.marker : '', m.overview.charts.amount, formatMoney(amounts[i] ?? '0.00'))
            : tooltipRow(typeof p.marker === 'string' ? p.marker : '', m.overview.charts.loans, formatCount(row.loans, locale)),
        );
        return `<div style="min-width:200px"><div style="margin-bottom:4px;font-weight:600">${escapeHtml(monthLabel(row.month, locale))}</div>${lines.join('')}</div>`;
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => monthLabel(r.month, locale)) },
    yAxis: [
      // Axis names align inwards so they are never clipped at the card's edge.
      {
        type: 'value',
        name: m.overview.charts.amountWan,
        nameTextStyle: { align: 'left' },
        axisLabel: { formatter: (v: number) => formatCount(v, locale) },
      },
      {
        type: 'value',
        name: m.overview.charts.loans,
        nameTextStyle: { align: 'right' },
        minInterval: 1,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => formatCount(v, locale) },
      },
    ],
    series: [
      {
        type: 'bar',
        name: m.overview.charts.amountWan,
        barMaxWidth: 28,
        itemStyle: { color: chartPalette[0], borderRadius: [3, 3, 0, 0] },
        data: rows.map((r) => Math.round(toWanForChart(r.amount) * 100) / 100),
      },
      {
        type: 'line',
        name: m.overview.charts.loans,
        yAxisIndex: 1,
        smooth: true,
        symbolSize: 6,
        itemStyle: { color: chartPalette[2] },
        lineStyle: { width: 2 },
        data: rows.map((r) => r.loans),
      },
    ],
  };
}

const isCurrentBucket = (bucket: string) => bucket === 'current';

/** Splits the buckets into the current loans (shown as a figure) and the past-due ones (charted). */
export function splitDelinquency(buckets: Overview['delinquency']['buckets']) {
  return { current: buckets.find((b) => isCurrentBucket(b.bucket)), pastDue: buckets.filter((b) => !isCurrentBucket(b.bucket)) };
}

// Past-due buckets only: beside the current loans they would be too small to read.
export function delinquencyOption(buckets: Overview['delinquency']['buckets'], { m, locale }: Ctx): ChartOption {
  const ramp = ['#f2c14e', '#f0a531', '#e8762d', '#e0574f', '#b8322b'];
  const bucketColor = (i: number) => ramp[Math.min(i, ramp.length - 1)] ?? colors.danger;
  return {
    grid: { ...grid, top: 16 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const b = buckets[list[0]?.dataIndex ?? -1];
        if (!b) return '';
        return `<div style="min-width:180px"><div style="margin-bottom:4px;font-weight:600">${escapeHtml(label(m.overview.bucket, b.bucket))}</div>${tooltipRow('', m.overview.charts.loans, formatCount(b.loans, locale))}${tooltipRow('', m.overview.charts.principal, formatMoney(b.principal))}</div>`;
      },
    },
    xAxis: { type: 'category', data: buckets.map((b) => label(m.overview.bucket, b.bucket)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCount(v, locale) } },
    series: [
      {
        type: 'bar',
        name: m.overview.charts.loans,
        barMaxWidth: 36,
        data: buckets.map((b, i) => ({ value: b.loans, itemStyle: { color: bucketColor(i), borderRadius: [3, 3, 0, 0] } })),
        label: { show: true, position: 'top', color: colors.secondary, formatter: (p) => formatCount(Number(p.value), locale) },
      },
    ],
  };
}

function fuelName(fuel: string, m: Messages): string {
  const key = fuel.toLowerCase();
  return label(m.overview.fuel, key) === key ? fuel.toUpperCase() : label(m.overview.fuel, key);
}

export function loansByFuelOption(data: Overview['loansByFuel'], { m, locale }: Ctx): ChartOption {
  const total = data.reduce((sum, r) => sum + r.loans, 0);
  const fuelColor = (fuel: string, i: number) => {
    const key = fuel.toLowerCase();
    if (key === 'ice') return '#8e9ab0';
    if (key === 'nev' || key === 'bev') return colors.success;
    return chartPalette[i % chartPalette.length] ?? colors.primary;
  };
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const single = Array.isArray(p) ? p[0] : p;
        const row = data[single?.dataIndex ?? -1];
        if (!row) return '';
        return `<div style="min-width:180px"><div style="margin-bottom:4px;font-weight:600">${escapeHtml(fuelName(row.fuel, m))}</div>${tooltipRow('', m.overview.charts.loans, formatCount(row.loans, locale))}${tooltipRow('', m.overview.charts.amount, formatMoney(row.amount))}</div>`;
      },
    },
    legend: {
      bottom: 0,
      left: 'center',
      formatter: (name: string) => {
        const row = data.find((r) => fuelName(r.fuel, m) === name);
        return row ? `${name}  ${formatCount(row.loans, locale)}` : name;
      },
    },
    series: [
      {
        type: 'pie',
        radius: ['38%', '58%'],
        center: ['50%', '46%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: {
          show: true,
          overflow: 'none',
          // The legend names the slices; the label stays short so it fits narrow cards.
          formatter: (p) => `${total > 0 ? ((Number(p.value) / total) * 100).toFixed(1) : '0.0'}%`,
          color: colors.text,
          fontWeight: 600,
        },
        labelLine: { length: 10, length2: 10 },
        data: data.map((r, i) => ({ name: fuelName(r.fuel, m), value: r.loans, itemStyle: { color: fuelColor(r.fuel, i) } })),
      },
    ],
  };
}

export function customersByCityTierOption(data: Overview['customersByCityTier'], { m, locale }: Ctx): ChartOption {
  const rows = [...data].sort((a, b) => a.tier - b.tier);
  const tierName = (tier: number) => {
    const key = String(tier);
    return Object.hasOwn(m.overview.cityTierNames, key) ? label(m.overview.cityTierNames, key) : m.overview.cityTier.replace('{{tier}}', key);
  };
  return {
    grid: { ...grid, top: 16 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatCount(Number(v), locale) },
    xAxis: { type: 'category', data: rows.map((r) => tierName(r.tier)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCount(v, locale) } },
    series: [
      {
        type: 'bar',
        name: m.overview.charts.customers,
        barMaxWidth: 36,
        itemStyle: { color: chartPalette[5], borderRadius: [3, 3, 0, 0] },
        data: rows.map((r) => r.customers),
        label: { show: true, position: 'top', color: colors.secondary, formatter: (p) => formatCount(Number(p.value), locale) },
      },
    ],
  };
}
