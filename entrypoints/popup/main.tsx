import { render } from 'preact';
import { App } from '@/src/popup/App';
import { isToolbarPopup, popOut } from '@/src/popup/pop-out';
import { keepPopupPortOpen } from '@/src/popup/popup-port';
import { sendToBackground } from '@/src/popup/send-to-background';
import { createVaultClient } from '@/src/protocol/client';

keepPopupPortOpen();

render(
  <App
    client={createVaultClient(sendToBackground)}
    onPopOut={isToolbarPopup() ? () => void popOut() : undefined}
  />,
  document.getElementById('app')!,
);
