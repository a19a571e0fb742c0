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

// Bars: one bar per {name, value}; the container's size comes from app.css (.chart)
export function Bars({ title, items, color }) {
	const ref = useRef(null);
	useEffect(() => {
		let chart = null;
		let live = true;
		const resize = () => chart && chart.resize();
		echarts().then((ec) => {
			if (!live || !ref.current) return;
			chart = ec.init(ref.current, null, { renderer: 'canvas' });
			chart.setOption({
				animation: false,
				tooltip: { show: false },
				grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
				xAxis: { type: 'category', data: items.map((i) => i.name), axisLabel: { interval: 0, fontSize: 12 } },
				yAxis: { type: 'value', minInterval: 1 },
				series: [{ type: 'bar', data: items.map((i) => i.value), itemStyle: { color: color || '#2b6cb0' }, barMaxWidth: 36, label: { show: true, position: 'top' } }],
			});
			window.addEventListener('resize', resize);
		});
		return () => {
			live = false;
			window.removeEventListener('resize', resize);
			if (chart) chart.dispose();
		};
	}, [JSON.stringify(items)]);
	return html`<figure class="chart-box"><figcaption>${title}</figcaption><div class="chart" ref=${ref} role="img" aria-label=${title + ': ' + items.map((i) => i.name + ' ' + i.value).join('，')}></div></figure>`;
}
