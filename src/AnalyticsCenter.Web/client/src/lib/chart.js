// Charts with Apache ECharts (only the parts used, bundled at build time). Every chart resizes with the window, has
// titled axes, values in their units (by column meaning) and a tooltip; long category labels are shortened on the axis
// and given whole on hover, and many or long categories make bars horizontal, so no label overlaps another.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { axisFormatter, axisScale, columnTitle, kindOf } from './format.js';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const palette = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#dc2626'];
const charts = new Set();
window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));
const labelLength = 22;

function mount(element, option) {
  const existing = echarts.getInstanceByDom(element);
  const chart = existing ?? echarts.init(element, null, { renderer: 'canvas' });
  chart.setOption({ color: palette, animation: false, ...option }, true);
  chart.resize();
  charts.add(chart);
  return chart;
}

const shorten = (text) => (text.length > labelLength ? `${text.slice(0, labelLength - 1)}…` : text);

/**
 * A chart of rows: kind 'bar' or 'line'; x the category column; ys the number columns (formatted by the first one's
 * meaning); xTitle and yTitle the axes' titles (default: the columns'); log for a logarithmic value axis.
 */
export function rowsChart(element, rows, { kind = 'bar', x, ys, xTitle, yTitle, log = false, formatLabel = (value) => value }) {
  const labels = rows.map((row) => String(formatLabel(row[x]) ?? '(none)'));
  const yKind = kindOf(ys[0] ?? '');
  const format = axisFormatter(yKind);
  const longest = Math.max(0, ...labels.map((label) => label.length));
  const horizontal = kind === 'bar' && (longest > 12 || labels.length > 14);
  const width = element.clientWidth || 800;
  // Every label is shown when they fit; otherwise ECharts spaces them evenly.
  const fits = horizontal || labels.length * Math.min(longest, labelLength) * 7 < width;
  if (horizontal) element.style.height = `${Math.max(280, labels.length * 26 + 80)}px`;
  const categoryAxis = {
    type: 'category',
    data: labels,
    name: xTitle ?? columnTitle(x),
    // An inverted (horizontal bars) axis starts at the top: its title goes there.
    nameLocation: horizontal ? 'start' : 'middle',
    nameGap: horizontal ? 12 : 30,
    inverse: horizontal,
    axisLabel: { interval: fits ? 0 : 'auto', formatter: shorten, hideOverlap: !fits },
    triggerEvent: true,
  };
  const valueAxis = {
    type: log ? 'log' : 'value',
    name: yTitle ?? (ys.length === 1 ? columnTitle(ys[0]) : ''),
    nameLocation: 'middle',
    nameGap: horizontal ? 28 : 56,
    axisLabel: { formatter: axisFormatter(yKind, true) },
    ...(log ? {} : axisScale(yKind, rows.flatMap((row) => ys.map((y) => row[y])))),
  };
  return mount(element, {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: kind === 'bar' ? 'shadow' : 'line' },
      valueFormatter: (value) => (value === null || value === undefined ? '–' : format(value)),
    },
    legend: ys.length > 1 ? { top: 0 } : undefined,
    grid: { left: horizontal ? 12 : 64, right: 32, top: ys.length > 1 ? 36 : 28, bottom: horizontal ? 36 : 48, containLabel: horizontal },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: ys.map((y) => ({
      name: columnTitle(y),
      type: kind,
      // A log axis has no place for zero or less.
      data: rows.map((row) => (log && !(row[y] > 0) ? null : row[y])),
      showSymbol: rows.length < 40,
      connectNulls: false,
    })),
  });
}

/** A day-by-day line with dated axes and a tooltip, for the overview's trends; values formatted by kind. */
export function dayChart(element, days, values, { name, kind = 'plain', color = palette[0] }) {
  const format = axisFormatter(kind);
  const short = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const dateOf = (day) => new Date(`${day}T00:00:00Z`);
  return mount(element, {
    tooltip: {
      trigger: 'axis',
      formatter: (points) => `${long.format(dateOf(points[0].axisValue))}<br>${name}: <b>${points[0].value === null ? '–' : format(points[0].value)}</b>`,
    },
    grid: { left: 8, right: 12, top: 10, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: days, boundaryGap: false, axisLabel: { formatter: (day) => short.format(dateOf(day)), hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: axisFormatter(kind, true) }, splitNumber: 3, min: 0, ...axisScale(kind, values) },
    series: [{ name, type: 'line', data: values, showSymbol: days.length < 20, connectNulls: false, lineStyle: { color, width: 2 },
      itemStyle: { color }, areaStyle: { color, opacity: 0.08 } }],
  });
}
