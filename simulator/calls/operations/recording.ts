/**
 * Start/Pause/Resume/StopCallRecording: recordingState Recording/Paused/Stopped and userData GSIP_RECORD
 * ON / PAUSED / ON / OFF, CallRecordingStateChange to every agent on the call (docs/FIDELITY.md N7, C10).
 */
import type { RecordingState } from '../model';
import { update } from '../userData';
import { noParams, op, type Operation } from './types';

const recording = (state: RecordingState, gsipRecord: string): Operation =>
	op(noParams, ({ engine, call }) => {
		call.recordingState = state;
		update(call.userData, { GSIP_RECORD: gsipRecord });
		engine.notifier.notifyAll(call, 'CallRecordingStateChange');
	});

export const recordingOperations = {
	StartCallRecording: recording('Recording', 'ON'),
	PauseCallRecording: recording('Paused', 'PAUSED'),
	ResumeCallRecording: recording('Recording', 'ON'),
	StopCallRecording: recording('Stopped', 'OFF'),
} satisfies Record<string, Operation>;
