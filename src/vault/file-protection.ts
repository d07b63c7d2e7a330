/**
 * How a backup file is protected (formats.md, "recognising a file"): plain (.json and .csv),
 * account restricted (the account key), or password protected (a key from a file password). One
 * name for it everywhere: the backup history, the export request, the import preview and
 * Verify backup.
 */
export type FileProtection = 'plain' | 'account' | 'password';
