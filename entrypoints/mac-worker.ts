import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startMacWorker, type MacWorkerScope } from '@/src/workers/mac-worker';

// Built to /mac-worker.js and started as a dedicated Worker, whose global scope is `self`.
export default defineUnlistedScript(() => startMacWorker(self as unknown as MacWorkerScope));
