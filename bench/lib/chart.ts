/** Charts: a vega-lite spec -> vega -> SVG -> PNG (resvg, system DejaVu fonts). No browser, no native build. */
import { Resvg } from '@resvg/resvg-js';
import * as fs from 'fs';
import * as vega from 'vega';
import * as vl from 'vega-lite';

const FONT = 'DejaVu Sans';

export async function renderChart(spec: Record<string, unknown>, pngPath: string): Promise<void> {
	const full = {
		$schema: 'https://vega.github.io/schema/vega-lite/v5.json',
		background: 'white',
		config: {
			font: FONT,
			view: { stroke: '#ccc' },
			axis: { labelFontSize: 11, titleFontSize: 12 },
			title: { fontSize: 14 },
			// Full legend labels (they say what each line measures), below the plot.
			legend: { orient: 'bottom', columns: 1, labelLimit: 0, labelFontSize: 11 },
		},
		...spec,
	};
	const compiled = vl.compile(full as unknown as vl.TopLevelSpec).spec;
	const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
	const svg = await view.toSVG();
	view.finalize();
	const png = new Resvg(svg, {
		font: { loadSystemFonts: true, defaultFontFamily: FONT },
		fitTo: { mode: 'zoom', value: 2 },
		background: 'white',
	})
		.render()
		.asPng();
	fs.writeFileSync(pngPath, png);
}
