// echarts-bars.js — the part of Apache ECharts the pages draw with (bar charts on a canvas, with
// a grid and a legend), for scripts/web-vendor to bundle into web/vendor/echarts.js with
// esbuild: the whole library's module is 1.1 MB (368 KB gzipped), this part a third of it, which
// keeps the dashboard's first transfer under 500 KB on a large organisation (bench/web).
import { init, use } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, CanvasRenderer]);

export { init };
