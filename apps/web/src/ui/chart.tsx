import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Card, Empty, Skeleton } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  type GridComponentOption,
  type TooltipComponentOption,
  type LegendComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import { chartPalette, fontFamily, colors } from './theme.ts';

// Only the chart types the console uses are registered, which keeps the bundle small.
echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

const THEME = 'autofin';
echarts.registerTheme(THEME, {
  color: chartPalette,
  backgroundColor: 'transparent',
  textStyle: { fontFamily, color: colors.text },
  categoryAxis: {
    axisLine: { lineStyle: { color: '#c9cfdb' } },
    axisTick: { show: false },
    axisLabel: { color: colors.secondary },
    splitLine: { show: false },
  },
  valueAxis: {
    axisLine: { show: false },
    axisLabel: { color: colors.secondary },
    splitLine: { lineStyle: { color: '#edf0f5', type: 'dashed' } },
    nameTextStyle: { color: colors.secondary },
  },
  legend: { textStyle: { color: colors.secondary }, icon: 'roundRect', itemWidth: 10, itemHeight: 10 },
  tooltip: {
    backgroundColor: 'rgba(255,255,255,0.98)',
    borderColor: colors.border,
    textStyle: { color: colors.text },
    extraCssText: 'box-shadow: 0 4px 14px rgba(15,27,51,0.12); border-radius: 6px;',
  },
});

/**
 * Draws one ECharts option into a div and keeps it sized to its container.
 * (echarts-for-react 3.0.6 imports tslib without declaring it, so the console drives
 * ECharts directly; this is all the wrapper it needs.)
 */
function EChart({ option, height, onRendered }: { option: ChartOption; height: number; onRendered: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const rendered = useRef(onRendered);

  useEffect(() => {
    rendered.current = onRendered;
  }, [onRendered]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = echarts.init(element, THEME, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('finished', () => rendered.current());
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} style={{ height, width: '100%' }} />;
}

interface ChartProps {
  title: ReactNode;
  option: ChartOption;
  height?: number;
  loading?: boolean;
  empty?: boolean;
  emptyText?: ReactNode;
  extra?: ReactNode;
  testId?: string;
}

/**
 * A titled card holding one ECharts chart. It marks itself `data-rendered="true"` once
 * ECharts has drawn, which the browser tests wait for.
 */
export function Chart({ title, option, height = 300, loading, empty, emptyText, extra, testId }: ChartProps) {
  const [rendered, setRendered] = useState(false);
  return (
    <Card
      className="chart-card"
      variant="borderless"
      title={title}
      extra={extra}
      data-testid={testId}
      data-chart=""
      data-rendered={rendered ? 'true' : 'false'}
    >
      {loading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : empty ? (
        <div style={{ height }} className="chart-card__empty">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
        </div>
      ) : (
        <EChart option={option} height={height} onRendered={() => setRendered(true)} />
      )}
    </Card>
  );
}
