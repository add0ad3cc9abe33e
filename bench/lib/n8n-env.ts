/**
 * What n8n-core needs before it is imported (same as test/setup-env.js): a writable user folder for its
 * instance settings, and reflect-metadata. Import this module first in any benchmark that loads n8n-core.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-bench-n8n-'));
}
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
require('reflect-metadata');
