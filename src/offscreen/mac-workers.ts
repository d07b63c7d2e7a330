/**
 * The offscreen document's MAC Workers (Chrome): one for each export or key rotation that asks,
 * started on the port the service worker sends along, ended when it says so or when the document
 * closes (the service worker stopped): no Worker outlives the job it computes for.
 */
import {
  MAC_WORKER_PATH,
  type MacWorkerStart,
  type OffscreenMacWorkerDelivery,
} from '@/src/protocol/mac-worker';

type MacWorkerHandle = Pick<Worker, 'postMessage' | 'terminate'>;

export interface MacWorkers {
  start(delivery: OffscreenMacWorkerDelivery): void;
  end(id: number): void;
  endAll(): void;
}

export function createMacWorkers(
  createWorker: () => MacWorkerHandle = () => new Worker(MAC_WORKER_PATH),
): MacWorkers {
  const running = new Map<number, MacWorkerHandle>();
  const end = (id: number) => {
    running.get(id)?.terminate();
    running.delete(id);
  };
  return {
    start({ id, port }) {
      end(id);
      const worker = createWorker();
      worker.postMessage({ port } satisfies MacWorkerStart, [port]);
      running.set(id, worker);
    },
    end,
    endAll() {
      for (const id of [...running.keys()]) end(id);
    },
  };
}
