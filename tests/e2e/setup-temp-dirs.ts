// Registered before the test file's own hooks, so it runs after them: browsers have quit by then.
import { afterAll } from 'vitest';
import { removeTempDirs } from '../helpers/temp-dirs';

afterAll(removeTempDirs);
