import dayjs from 'dayjs';
import type { UsageResponse } from '@autofin/contracts';
import type { ChartOption } from '../../ui/chart.tsx';
import type { Widen } from '../../i18n/module-messages.ts';
import type { PartnersMessages } from './partners.i18n.ts';

type Usage = Widen<PartnersMessages['usage']>;

/** Every bucket of the range, so quiet minutes show as zero rather than being skipped. */
function buckets(data: UsageResponse, hours: number, now: number): number[] {
  const step = data.bucketMinutes * 60_000;
  const end = Math.floor(now / step) * step;
  const start = end - Math.ceil((hours * 3_600_000) / step) * step + step;
  const out: number[] = [];
  for (let at = start; at <= end; at += step) out.push(at);
  return out;
}

function totals(data: UsageResponse) {
  const map = new Map<number, { requests: number; errors: number; latencySum: number; latencyMax: number }>();
  for (const p of data.points) {
    const at = Date.parse(p.at);
    const t = map.get(at) ?? { requests: 0, errors: 0, latencySum: 0, latencyMax: 0 };
    t.requests += p.requests;
    t.errors += p.errors;
    t.latencySum += p.latencyMeanMs * p.requests;
    t.latencyMax = Math.max(t.latencyMax, p.latencyMaxMs);
    map.set(at, t);
  }
  return map;
}

const label = (at: number, bucketMinutes: number) => dayjs(at).format(bucketMinutes >= 60 ? 'MM-DD HH:00' : 'HH:mm');

/** Requests (bars) and errors (line) per bucket, summed over the partners shown. */
export function requestsOption(data: UsageResponse, hours: number, m: Usage, now = Date.now()): ChartOption {
  const xs = buckets(data, hours, now);
  const t = totals(data);
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: xs.map((x) => label(x, data.bucketMinutes)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: m.requests, type: 'bar', data: xs.map((x) => t.get(x)?.requests ?? 0) },
      { name: m.errors, type: 'line', data: xs.map((x) => t.get(x)?.errors ?? 0), itemStyle: { color: '#d9363e' } },
    ],
  };
}

/** Mean latency (bars) and max latency (points) per bucket, ms; empty buckets have none. */
export function latencyOption(data: UsageResponse, hours: number, m: Usage, now = Date.now()): ChartOption {
  const xs = buckets(data, hours, now);
  const t = totals(data);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: xs.map((x) => label(x, data.bucketMinutes)) },
    yAxis: { type: 'value' },
    series: [
      { name: m.latency, type: 'bar', data: xs.map((x) => { const v = t.get(x); return v && v.requests > 0 ? round(v.latencySum / v.requests) : null; }) },
      { name: m.latencyMax, type: 'line', connectNulls: false, showAllSymbol: true, symbolSize: 5, lineStyle: { type: 'dashed' }, data: xs.map((x) => { const v = t.get(x); return v ? round(v.latencyMax) : null; }) },
    ],
  };
}
