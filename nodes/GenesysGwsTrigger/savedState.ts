/**
 * What a trigger knew when n8n closed it after its own lasting-failure error (emitError makes n8n close the
 * trigger and activate it again later). The next activation of the same workflow node picks it up, so its
 * first subscription reports what changed meanwhile instead of silently taking the calls as they are.
 *
 * Only kept after an error, for a limited time, in this process: a user who deactivates a workflow on purpose
 * does not get old changes replayed when activating it again.
 */
import type { CallTracker } from './callTracker';
import type { DeviceTracker } from './deviceTracker';

export interface SavedTriggerState {
	calls: CallTracker;
	devices: DeviceTracker;
	phoneNumber?: string;
}

const KEEP_MS = 15 * 60_000;
const MAX_ENTRIES = 1000;
const saved = new Map<string, SavedTriggerState & { savedAt: number }>();

export function saveTriggerState(key: string, state: SavedTriggerState): void {
	saved.delete(key);
	saved.set(key, { ...state, savedAt: Date.now() });
	while (saved.size > MAX_ENTRIES) saved.delete(saved.keys().next().value as string);
}

/** Returns and forgets the state saved for `key`, if it is recent enough. */
export function takeTriggerState(key: string): SavedTriggerState | undefined {
	const entry = saved.get(key);
	saved.delete(key);
	return entry && Date.now() - entry.savedAt <= KEEP_MS ? entry : undefined;
}
