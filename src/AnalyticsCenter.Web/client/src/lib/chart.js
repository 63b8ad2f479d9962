// Charts with Apache ECharts (only the parts used, bundled at build time). Every chart resizes with the window.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const palette = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#dc2626'];
const charts = new Set();
window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));

function mount(element, option) {
  const existing = echarts.getInstanceByDom(element);
  const chart = existing ?? echarts.init(element, null, { renderer: 'canvas' });
  chart.setOption({ color: palette, animation: false, ...option }, true);
  charts.add(chart);
  return chart;
}

/** A chart of rows: kind 'bar' or 'line', x the category column, ys the number columns. */
export function rowsChart(element, rows, { kind = 'bar', x, ys, percent = false }) {
  return mount(element, {
    tooltip: { trigger: 'axis', valueFormatter: (value) => (percent && value !== null ? `${(value * 100).toFixed(1)}%` : value) },
    legend: ys.length > 1 ? { top: 0 } : undefined,
    grid: { left: 8, right: 16, top: ys.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((row) => String(row[x] ?? '(none)')), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: percent ? { formatter: (value) => `${Math.round(value * 100)}%` } : {} },
    series: ys.map((y) => ({ name: y, type: kind, data: rows.map((row) => row[y]), showSymbol: rows.length < 40, connectNulls: false })),
  });
}

/** A small trend line with no axes, for the overview's cards. */
export function sparkline(element, labels, values, color = palette[0]) {
  return mount(element, {
    tooltip: { trigger: 'axis' },
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    xAxis: { type: 'category', data: labels, show: false },
    yAxis: { type: 'value', show: false, min: 'dataMin' },
    series: [{ type: 'line', data: values, showSymbol: false, connectNulls: true, lineStyle: { color, width: 2 }, areaStyle: { color, opacity: 0.08 } }],
  });
}
