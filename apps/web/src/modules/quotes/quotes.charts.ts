import type { QuoteOffer } from '@autofin/contracts';
import type { ChartOption } from '../../ui/chart.tsx';
import { formatMoney, toFen } from '../../ui/format.ts';
import { chartPalette } from '../../ui/theme.ts';
import type { Widen } from '../../i18n/module-messages.ts';
import type { QuotesMessages } from './quotes.i18n.ts';

type Charts = Widen<QuotesMessages['charts']>;

/** Yuan as a plain number, for bar and line geometry only; tooltips show the exact string. */
function geometry(amount: string): number {
  const fen = toFen(amount);
  return fen === null ? 0 : Number(fen) / 100;
}

function axisYuan(value: number): string {
  if (Math.abs(value) >= 10_000) return `${(value / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}万`;
  return value.toLocaleString('zh-CN');
}

interface TooltipParam {
  dataIndex: number;
  seriesName: string;
  marker: string;
}

function rows(params: unknown): TooltipParam[] {
  return (Array.isArray(params) ? params : [params]) as TooltipParam[];
}

const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };

/** Principal, interest and fees of every installment, stacked. */
export function compositionOption(offer: QuoteOffer, m: Charts): ChartOption {
  const items = offer.installments;
  const label = (n: number) => m.installment.replace('{{n}}', String(n));
  return {
    grid,
    legend: { top: 0, right: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = rows(params);
        const first = list[0];
        if (!first) return '';
        const row = items[first.dataIndex];
        if (!row) return '';
        const values: Record<string, string> = { [m.principal]: row.principal, [m.interest]: row.interest, [m.fee]: row.fee };
        return [
          `<b>${label(row.n)}</b> · ${row.date}`,
          ...list.map((p) => `${p.marker}${p.seriesName}&nbsp;&nbsp;<b>${formatMoney(values[p.seriesName] ?? '0.00')}</b>`),
          `${m.monthly}&nbsp;&nbsp;<b>${formatMoney(row.payment)}</b>`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: items.map((i) => String(i.n)), axisLabel: { interval: items.length > 36 ? 5 : items.length > 12 ? 2 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: axisYuan } },
    series: [
      { name: m.principal, type: 'bar', stack: 'payment', data: items.map((i) => geometry(i.principal)), itemStyle: { color: chartPalette[0] }, barMaxWidth: 18 },
      { name: m.interest, type: 'bar', stack: 'payment', data: items.map((i) => geometry(i.interest)), itemStyle: { color: chartPalette[2] } },
      { name: m.fee, type: 'bar', stack: 'payment', data: items.map((i) => geometry(i.fee)), itemStyle: { color: chartPalette[4], borderRadius: [2, 2, 0, 0] } },
    ],
  };
}

/** The outstanding principal after each installment, starting from the note amount. */
export function balanceOption(offer: QuoteOffer, m: Charts): ChartOption {
  const points = [{ n: 0, date: '', balance: offer.noteAmount }, ...offer.installments.map((i) => ({ n: i.n, date: i.date, balance: i.balance }))];
  return {
    grid,
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const first = rows(params)[0];
        const point = first ? points[first.dataIndex] : undefined;
        if (!point) return '';
        const head = point.n === 0 ? m.balanceSeries : `${m.installment.replace('{{n}}', String(point.n))} · ${point.date}`;
        return `<b>${head}</b><br/>${first?.marker ?? ''}${m.balanceSeries}&nbsp;&nbsp;<b>${formatMoney(point.balance)}</b>`;
      },
    },
    xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => String(p.n)) },
    yAxis: { type: 'value', axisLabel: { formatter: axisYuan } },
    series: [
      {
        name: m.balanceSeries,
        type: 'line',
        data: points.map((p) => geometry(p.balance)),
        showSymbol: false,
        smooth: false,
        lineStyle: { width: 2.5, color: chartPalette[1] },
        itemStyle: { color: chartPalette[1] },
        areaStyle: { color: 'rgba(23,165,137,0.12)' },
      },
    ],
  };
}

/** Every offer's monthly payment (bars, left axis) and total cost (line, right axis). */
export function comparisonOption(offers: readonly QuoteOffer[], names: readonly string[], m: Charts): ChartOption {
  return {
    grid: { ...grid, bottom: 8 },
    legend: { top: 0, right: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = rows(params)[0];
        const offer = first ? offers[first.dataIndex] : undefined;
        if (!offer) return '';
        return [
          `<b>${names[first?.dataIndex ?? 0] ?? ''}</b>`,
          `${m.monthly}&nbsp;&nbsp;<b>${formatMoney(offer.monthlyPayment)}</b>`,
          `${m.totalCost}&nbsp;&nbsp;<b>${formatMoney(offer.totalCost)}</b>`,
          `APR&nbsp;&nbsp;<b>${offer.aprSimple.toFixed(2)}%</b>`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: names.map((n) => n), axisLabel: { interval: 0, rotate: offers.length > 6 ? 30 : 0, fontSize: 11 } },
    yAxis: [
      { type: 'value', name: m.monthly, axisLabel: { formatter: axisYuan } },
      { type: 'value', name: m.totalCost, axisLabel: { formatter: axisYuan }, splitLine: { show: false } },
    ],
    series: [
      { name: m.monthly, type: 'bar', data: offers.map((o) => geometry(o.monthlyPayment)), itemStyle: { color: chartPalette[0], borderRadius: [3, 3, 0, 0] }, barMaxWidth: 26 },
      {
        name: m.totalCost,
        type: 'line',
        yAxisIndex: 1,
        data: offers.map((o) => geometry(o.totalCost)),
        symbolSize: 7,
        lineStyle: { width: 2, color: chartPalette[3] },
        itemStyle: { color: chartPalette[3] },
      },
    ],
  };
}
