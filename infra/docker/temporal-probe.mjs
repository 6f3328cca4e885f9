// Container probe of a process that serves no HTTP (the worker): exits 0 when a TCP connection
// to the Temporal frontend at TEMPORAL_ADDRESS (`host:port`) opens within 4 s, else 1.
import { connect } from 'node:net';

const [host, port] = (process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233').split(':');
const socket = connect({ host, port: Number(port), timeout: 4000 });
socket.on('connect', () => {
  socket.end();
  process.exit(0);
});
for (const event of ['error', 'timeout']) socket.on(event, () => process.exit(1));
