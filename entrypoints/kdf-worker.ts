import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startKdfWorker, type KdfWorkerScope } from '@/src/workers/kdf-worker';

// Built to /kdf-worker.js and started as a dedicated Worker, whose global scope is `self`.
export default defineUnlistedScript(() => startKdfWorker(self as unknown as KdfWorkerScope));
