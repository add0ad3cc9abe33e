// n8n-core logs every failed node execution through its winston logger; the error tests fail on purpose.
// Imported before n8n-core; set N8N_LOG_LEVEL=debug (or any level) to see the logs again.
process.env.N8N_LOG_LEVEL ??= 'silent';
export {};
