import { render } from 'preact';
import { App } from '@/src/popup/App';
import { askEarly, firstQuestions } from '@/src/popup/early-answers';
import { isToolbarPopup, popOut } from '@/src/popup/pop-out';
import { keepPopupPortOpen } from '@/src/popup/popup-port';
import { initialScreen } from '@/src/popup/screens';
import { sendToBackground } from '@/src/popup/send-to-background';
import { createVaultClient } from '@/src/protocol/client';

keepPopupPortOpen();
const send = askEarly(sendToBackground, firstQuestions(initialScreen(location.hash)));

render(
  <App
    client={createVaultClient(send)}
    onPopOut={isToolbarPopup() ? () => void popOut() : undefined}
  />,
  document.getElementById('app')!,
);
