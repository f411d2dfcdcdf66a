/**
 * The bridge between `firebase emulators:exec` and scripts/test.mjs. emulators:exec runs this script
 * once every emulator is ready, with the emulators' addresses in its environment
 * (FIRESTORE_EMULATOR_HOST, FIREBASE_AUTH_EMULATOR_HOST, FIREBASE_STORAGE_EMULATOR_HOST, …). It hands
 * that environment to test.mjs over a loopback socket (PENGADUAN_BRIDGE=host:port), then waits: test.mjs
 * runs the rules, integration and end-to-end suites itself — so that their reporters write to the
 * console while the emulators' own output goes to a log file — and finally sends the exit code, which
 * this script exits with; emulators:exec then stops the emulators. If test.mjs goes away, the socket
 * closes and the emulators stop too.
 */
import { connect } from 'node:net';

const bridge = process.env.PENGADUAN_BRIDGE;
if (!bridge) {
  console.error('test-emulated.mjs is run by scripts/test.mjs (npm test) inside emulators:exec');
  process.exit(2);
}
const [host, port] = bridge.split(':');
const socket = connect({ host, port: Number(port) });
let received = '';
socket.on('connect', () => socket.write(`${JSON.stringify({ env: process.env })}\n`));
socket.on('data', (buf) => {
  received += buf.toString();
  const m = /^exit (\d+)\n/m.exec(received);
  if (m) {
    socket.end();
    process.exit(Number(m[1]));
  }
});
socket.on('error', (e) => {
  console.error(`test-emulated: bridge to test.mjs failed: ${e.message}`);
  process.exit(1);
});
socket.on('close', () => process.exit(1));
