import { render } from 'preact';
import { browser } from 'wxt/browser';
import { App } from '@/src/popup/App';
import { isToolbarPopup, popOut } from '@/src/popup/pop-out';
import { sendToBackground } from '@/src/popup/send-to-background';
import { createVaultClient } from '@/src/protocol/client';
import { POPUP_PORT } from '@/src/protocol/envelope';

// Held open while the page lives, so the background can lock "immediately" when it closes.
browser.runtime.connect({ name: POPUP_PORT });

render(
  <App
    client={createVaultClient(sendToBackground)}
    onPopOut={isToolbarPopup() ? () => void popOut() : undefined}
  />,
  document.getElementById('app')!,
);
