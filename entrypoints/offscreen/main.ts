import { startBlobUrls } from '@/src/offscreen/blob-urls';

startBlobUrls();
