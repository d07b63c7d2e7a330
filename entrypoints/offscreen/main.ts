import { startBlobUrls } from '@/src/offscreen/blob-urls';
import { startKdfRelay } from '@/src/offscreen/kdf';

startKdfRelay(startBlobUrls());
