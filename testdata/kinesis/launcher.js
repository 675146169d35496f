// Starts kinesalite (in memory) and a loopback proxy in front of it, then prints
// "READY <port>" with the proxy's port. The proxy rewrites a request's StreamARN into
// StreamName, because kinesalite 3.3.3 ignores StreamARN and the Flink connector addresses
// streams by ARN. Both listen on 127.0.0.1 only, on free ports. Exits when stdin closes.
'use strict';
const http = require('http');
const kinesalite = require('kinesalite');

const backend = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
backend.listen(0, '127.0.0.1', () => {
  const backendPort = backend.address().port;
  const proxy = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      try {
        const json = JSON.parse(body.toString('utf8'));
        if (json && typeof json.StreamARN === 'string') {
          json.StreamName = json.StreamARN.substring(json.StreamARN.indexOf(':stream/') + 8);
          delete json.StreamARN;
          body = Buffer.from(JSON.stringify(json), 'utf8');
        }
      } catch (e) {
        // not JSON: pass through untouched
      }
      const headers = Object.assign({}, req.headers, { 'content-length': body.length, host: '127.0.0.1:' + backendPort });
      const upstream = http.request({ host: '127.0.0.1', port: backendPort, method: req.method, path: req.url, headers }, (up) => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      });
      upstream.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
      upstream.end(body);
    });
  });
  proxy.listen(0, '127.0.0.1', () => {
    process.stdout.write('READY ' + proxy.address().port + '\n');
  });
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
