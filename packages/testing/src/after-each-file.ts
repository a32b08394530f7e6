import { closeDatabase } from './database';

// Each test file closes its assertion pool, so jest exits without open handles.
afterAll(() => closeDatabase());
