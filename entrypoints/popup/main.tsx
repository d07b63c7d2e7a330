import { render } from 'preact';
import { App } from '@/src/popup/App';
import { createVaultClient } from '@/src/protocol/client';
import { sendToBackground } from '@/src/popup/send-to-background';

render(<App client={createVaultClient(sendToBackground)} />, document.getElementById('app')!);
