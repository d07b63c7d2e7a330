/** The background's progress reports for one kind of long operation, while a view is open. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isProgressEvent, type ProgressEvent } from '@/src/protocol/envelope';

export function useProgress(
  operation: ProgressEvent['operation'],
): [ProgressEvent | null, () => void] {
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  useEffect(() => {
    const listener = (message: unknown) => {
      if (isProgressEvent(message) && message.operation === operation) setProgress(message);
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [operation]);
  return [progress, () => setProgress(null)];
}
