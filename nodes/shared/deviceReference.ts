/**
 * The one reading of a device reference. GWS names a device by its id in paths (`/api/v2/me/devices/{id}`) and by
 * its URI in fields: a call's `deviceUri` and a supervisor's `targetDeviceUri` / `supervisorMonitoringState`
 * are `http://host/api/v2/devices/{id}`
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorListenIn).
 */
import { safeDecode } from './callReference';

/** Optional scheme and host, any prefix, then /devices/{id}. */
const DEVICE_URI_OR_PATH = /^(?:https?:\/\/[^/?#]+)?(?:\/[^?#]*)?\/devices\/([^/?#]+)\/?$/i;

/** The device id at the end of a device URI or path (decoded), or undefined for anything else. */
export function deviceIdFromUri(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = DEVICE_URI_OR_PATH.exec(value.trim());
	return match ? safeDecode(match[1]) : undefined;
}
