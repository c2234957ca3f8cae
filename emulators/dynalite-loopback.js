// Starts dynalite bound to 127.0.0.1. Usage: node dynalite-loopback.js PORT
const dynalite = require('dynalite');
const port = parseInt(process.argv[2], 10);
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(port, '127.0.0.1', (err) => {
  if (err) { console.error(err); process.exit(1); }
  console.log('dynalite listening on 127.0.0.1:' + port);
});
