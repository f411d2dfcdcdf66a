import { setGlobalOptions } from 'firebase-functions/v2';

/** Global options; imported first by index.ts so that every function definition sees them. */
export const REGION = 'asia-southeast2'; // Jakarta, the region nearest Tarakan
setGlobalOptions({ region: REGION, maxInstances: 10 });
