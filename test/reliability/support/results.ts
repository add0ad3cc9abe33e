/**
 * Figures of one reliability test file, written as JSON to test/reliability/.results/<file>.json (not committed);
 * render-report.ts turns every file there into the summary table of docs/RELIABILITY.md.
 */
import * as fs from 'fs';
import * as path from 'path';

export const RESULTS_DIR = path.join(__dirname, '..', '.results');

export interface Figure {
	/** What was measured, e.g. "bad-input cases tried". */
	name: string;
	value: number | string;
	/** The target the test asserts, e.g. "0" or ">= 150". */
	expected?: string;
}

export class Figures {
	private readonly figures = new Map<string, Figure>();
	private readonly notes: string[] = [];

	constructor(private readonly suite: string, private readonly title: string) {}

	set(name: string, value: number | string, expected?: string): void {
		this.figures.set(name, { name, value, expected });
	}

	add(name: string, delta: number, expected?: string): void {
		const current = this.figures.get(name);
		this.set(name, (typeof current?.value === 'number' ? current.value : 0) + delta, expected ?? current?.expected);
	}

	get(name: string): number {
		const value = this.figures.get(name)?.value;
		return typeof value === 'number' ? value : 0;
	}

	note(text: string): void {
		this.notes.push(text);
	}

	write(): void {
		fs.mkdirSync(RESULTS_DIR, { recursive: true });
		const body = {
			suite: this.suite,
			title: this.title,
			writtenAt: new Date().toISOString(),
			node: process.version,
			figures: [...this.figures.values()],
			notes: this.notes,
		};
		fs.writeFileSync(path.join(RESULTS_DIR, `${this.suite}.json`), JSON.stringify(body, null, 2) + '\n');
	}
}
