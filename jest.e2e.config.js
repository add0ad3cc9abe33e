/**
 * End-to-end suite: the REAL n8n program (installed into a cache by scripts/n8n-install.sh) with our packed
 * package in its community-package folder, against the in-process simulator. Files run one at a time
 * (each starts its own n8n; two cores). `npm run test:e2e` = `jest -c jest.e2e.config.js`.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	// Installs n8n (cached) and builds + packs the package once for all files; fails loudly if it cannot.
	globalSetup: '<rootDir>/test/e2e/helpers/global-setup.ts',
	maxWorkers: 1,
	testTimeout: 180000,
	slowTestThreshold: 60,
};
