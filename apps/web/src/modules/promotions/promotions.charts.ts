import dayjs from 'dayjs';
import type { BurnDown } from '@autofin/contracts';
import type { ChartOption } from '../../ui/chart.tsx';
import { formatMoney, toFen } from '../../ui/format.ts';
import { chartPalette } from '../../ui/theme.ts';
import type { Widen } from '../../i18n/module-messages.ts';
import type { PromotionsMessages } from './promotions.i18n.ts';

type Detail = Widen<PromotionsMessages['detail']>;

const geometry = (amount: string) => {
  const fen = toFen(amount);
  return fen === null ? 0 : Number(fen) / 100;
};

const axis = (value: number) => (Math.abs(value) >= 10_000 ? `${(value / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}万` : value.toLocaleString('zh-CN'));

interface Point {
  label: string;
  spent: string;
  cumulative: string;
  remaining: string;
  reservations: number;
}

/**
 * Remaining budget over time (area), spend per period (bars) and the budget (dashed). The series
 * starts from the full budget, so a promotion nobody has taken up yet still shows its line.
 */
export function burnDownOption(data: BurnDown, m: Detail): ChartOption {
  const format = data.bucket === 'hour' ? 'MM-DD HH:00' : 'YYYY-MM-DD';
  const points: Point[] = [
    { label: m.start, spent: '0.00', cumulative: '0.00', remaining: data.budget, reservations: 0 },
    ...data.points.map((p) => ({ label: dayjs(p.at).format(format), spent: p.spent, cumulative: p.cumulativeSpent, remaining: p.remaining, reservations: p.reservations })),
  ];
  const budget = geometry(data.budget);
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { dataIndex: number }[];
        const point = points[list[0]?.dataIndex ?? -1];
        if (!point) return '';
        return [
          `<b>${point.label}</b>`,
          `${m.perBucket}&nbsp;&nbsp;<b>${formatMoney(point.spent)}</b>（${point.reservations}）`,
          `${m.cumulative}&nbsp;&nbsp;<b>${formatMoney(point.cumulative)}</b>`,
          `${m.remainingSeries}&nbsp;&nbsp;<b>${formatMoney(point.remaining)}</b>`,
          `${m.budgetLine}&nbsp;&nbsp;${formatMoney(data.budget)}`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: points.map((p) => p.label), boundaryGap: true },
    yAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(v.max, budget) * 1.05, axisLabel: { formatter: axis } },
    series: [
      {
        name: m.remainingSeries,
        type: 'line',
        data: points.map((p) => geometry(p.remaining)),
        symbolSize: 6,
        lineStyle: { width: 2.5, color: chartPalette[0] },
        itemStyle: { color: chartPalette[0] },
        areaStyle: { color: 'rgba(47,91,224,0.10)' },
      },
      { name: m.perBucket, type: 'bar', data: points.map((p) => geometry(p.spent)), barMaxWidth: 22, itemStyle: { color: chartPalette[2], borderRadius: [3, 3, 0, 0] } },
      {
        name: m.budgetLine,
        type: 'line',
        data: points.map(() => budget),
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 1.5, color: chartPalette[3] },
        itemStyle: { color: chartPalette[3] },
      },
    ],
  };
}
