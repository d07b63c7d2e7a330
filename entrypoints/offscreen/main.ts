import { startOffscreen } from '@/src/offscreen/start-offscreen';

startOffscreen();
