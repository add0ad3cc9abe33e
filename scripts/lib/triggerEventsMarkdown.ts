/**
 * The README's trigger events table, rendered from the trigger's events declaration (nodes/GenesysGwsTrigger/
 * events.ts) so the docs cannot drift from the node: test/readme.test.ts compares it with README.md
 * (`UPDATE_README=1 npx jest test/readme.test.ts` rewrites it). Tooling only: not part of the package.
 */
import { DEVICES_CHANNEL } from '../../nodes/shared/channels';
import { TRIGGER_EVENTS, type TriggerEvent } from '../../nodes/GenesysGwsTrigger/events';

/** What a resync after an outage reports for the event (README "Reconnects, resync and failures"). */
function resyncColumn(event: TriggerEvent): string {
	if (event.aspect) return `\`call.${event.aspect}\``;
	if (event.derivedFrom) return `\`supervisorMonitoringState\` of each device (from \`${event.derivedFrom}\`)`;
	if (event.channel === DEVICES_CHANNEL) return "each device's state fields";
	return '- (GWS keeps no record of it to read back)';
}

export function renderTriggerEventsMarkdown(): string {
	const lines = [
		'| Option | `events` value | Reports | Channel | Resync compares |',
		'|---|---|---|---|---|',
		...TRIGGER_EVENTS.map(
			(e) => `| ${e.name} | \`${e.value}\` | ${e.description} | \`${e.channel}\` | ${resyncColumn(e)} |`,
		),
	];
	return `${lines.join('\n')}\n`;
}
