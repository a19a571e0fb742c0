// charts.js — the 待办 page's charts with Apache ECharts, loaded only when a chart is drawn (no
// other page loads the library). Bars on a canvas; no tooltip, whose HTML would carry inline
// styles the CSP refuses.
import { useRef, useEffect } from '../../vendor/hooks.js';
import { html } from '../ui.js';

let echartsPromise = null;
function echarts() {
	if (!echartsPromise) echartsPromise = import('../../vendor/echarts.js');
	return echartsPromise;
}

// useChart draws option(ec) into ref's element once the library is loaded, again when deps
// change; onClick(params) opens what a bar counts; the chart follows the window's size
function useChart(ref, option, onClick, deps) {
	useEffect(() => {
		let chart = null;
		let live = true;
		const resize = () => chart && chart.resize();
		echarts().then((ec) => {
			if (!live || !ref.current) return;
			chart = ec.init(ref.current, null, { renderer: 'canvas' });
			chart.setOption({ animation: false, tooltip: { show: false }, ...option });
			chart.on('click', onClick);
			window.addEventListener('resize', resize);
		});
		return () => {
			live = false;
			window.removeEventListener('resize', resize);
			if (chart) chart.dispose();
		};
	}, deps);
}

function Figure({ title, label, chartRef }) {
	return html`<figure class="chart-box"><figcaption>${title}</figcaption><div class="chart" ref=${chartRef} role="img" aria-label=${title + ': ' + label}></div></figure>`;
}

// Bars: one bar per {name, value, href}; the container's size comes from app.css (.chart); a bar
// with an address opens the list it counts
export function Bars({ title, items, color }) {
	const ref = useRef(null);
	useChart(
		ref,
		{
			grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
			xAxis: { type: 'category', data: items.map((i) => i.name), axisLabel: { interval: 0, fontSize: 11, width: 64, overflow: 'break' } },
			yAxis: { type: 'value', minInterval: 1 },
			series: [{ type: 'bar', data: items.map((i) => i.value), itemStyle: { color: color || '#2b6cb0' }, barMaxWidth: 36, label: { show: true, position: 'top' } }],
		},
		(p) => {
			const it = items[p.dataIndex];
			if (it && it.href) location.hash = it.href;
		},
		[JSON.stringify(items)]
	);
	return html`<${Figure} title=${title} chartRef=${ref} label=${items.map((i) => i.name + ' ' + i.value).join('，')} />`;
}

// Stacked: bars of several series stacked per category ({name, values[], color, href(i)}), a
// legend above; a bar with an address opens the list it counts. horizontal: the categories down
// the side (long names, such as units', read across), the first at the top
export function Stacked({ title, categories, series, horizontal }) {
	const ref = useRef(null);
	const cat = { type: 'category', data: categories, axisLabel: { fontSize: 11 }, ...(horizontal ? { inverse: true, axisLabel: { fontSize: 11, width: 96, overflow: 'truncate' } } : {}) };
	const val = { type: 'value', minInterval: 1 };
	useChart(
		ref,
		{
			legend: { top: 0, itemWidth: 12, itemHeight: 10 },
			grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
			xAxis: horizontal ? val : cat,
			yAxis: horizontal ? cat : val,
			series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'all', data: s.values, itemStyle: { color: s.color }, barMaxWidth: 28 })),
		},
		(p) => {
			const s = series[p.seriesIndex];
			if (s && s.href) location.hash = s.href(p.dataIndex);
		},
		[JSON.stringify(categories), JSON.stringify(series.map((s) => [s.name, s.values]))]
	);
	return html`<${Figure} title=${title} chartRef=${ref} label=${series.map((s) => s.name + ' ' + s.values.reduce((a, b) => a + b, 0)).join('，')} />`;
}
