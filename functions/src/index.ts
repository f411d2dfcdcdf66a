/**
 * Wiring only: one line per deployed function. Logic lives in callables/, triggers/, http/ and the
 * pure domain/ modules. `./options.js` comes first so that global options apply to every function.
 */
import './options.js';

export { whoami } from './callables/whoami.js';
