// Starts s3rver on 127.0.0.1 with an in-temp-dir store. Usage: node s3rver-loopback.js PORT DIR
const S3rver = require('s3rver');
const port = parseInt(process.argv[2], 10);
new S3rver({ port, address: '127.0.0.1', silent: true, directory: process.argv[3] })
  .run()
  .then(() => console.log('s3rver listening on 127.0.0.1:' + port))
  .catch((err) => { console.error(err); process.exit(1); });
