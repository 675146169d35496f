// Starts kinesalite (in memory) and a loopback proxy in front of it, then prints
// "READY <port>" with the proxy's port. The proxy rewrites a request's StreamARN into
// StreamName, because kinesalite 3.3.3 ignores StreamARN and the Flink connector addresses
// streams by ARN. Both listen on 127.0.0.1 only, on free ports. Exits when stdin closes.
'use strict';
const http = require('http');
const kinesalite = require('kinesalite');

// KINESALITE_SLOW_SHARD=stream/shardId:delayMs:limit (tests) makes one shard slow to read: each
// GetRecords on it waits delayMs and returns at most limit records, as a starved or throttled
// shard reader would, while the other shards are read at full speed.
const slow = (() => {
  const spec = process.env.KINESALITE_SLOW_SHARD;
  if (!spec) return null;
  const [where, delay, limit] = spec.split(':');
  const [stream, shard] = where.split('/');
  return { stream, shard, delayMs: Number(delay), limit: Number(limit), iterators: new Set() };
})();

const backend = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
backend.listen(0, '127.0.0.1', () => {
  const backendPort = backend.address().port;
  const proxy = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      const target = String(req.headers['x-amz-target'] || '');
      let watch = false;
      let delayMs = 0;
      try {
        const json = JSON.parse(body.toString('utf8'));
        if (json && typeof json.StreamARN === 'string') {
          json.StreamName = json.StreamARN.substring(json.StreamARN.indexOf(':stream/') + 8);
          delete json.StreamARN;
        }
        if (slow && target.endsWith('.GetShardIterator') && json.StreamName === slow.stream && json.ShardId === slow.shard) {
          watch = true;
        }
        if (slow && target.endsWith('.GetRecords') && slow.iterators.has(json.ShardIterator)) {
          watch = true;
          delayMs = slow.delayMs;
          json.Limit = Math.min(json.Limit || slow.limit, slow.limit);
        }
        body = Buffer.from(JSON.stringify(json), 'utf8');
      } catch (e) {
        // not JSON: pass through untouched
      }
      const headers = Object.assign({}, req.headers, { 'content-length': body.length, host: '127.0.0.1:' + backendPort });
      const forward = () => {
        const upstream = http.request({ host: '127.0.0.1', port: backendPort, method: req.method, path: req.url, headers }, (up) => {
          if (!watch) {
            res.writeHead(up.statusCode, up.headers);
            up.pipe(res);
            return;
          }
          const parts = [];
          up.on('data', (c) => parts.push(c));
          up.on('end', () => {
            const answer = Buffer.concat(parts);
            try {
              const json = JSON.parse(answer.toString('utf8'));
              if (json.ShardIterator) slow.iterators.add(json.ShardIterator);
              if (json.NextShardIterator) slow.iterators.add(json.NextShardIterator);
            } catch (e) {
              // an error answer: nothing to follow
            }
            res.writeHead(up.statusCode, up.headers);
            res.end(answer);
          });
        });
        upstream.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
        upstream.end(body);
      };
      if (delayMs > 0) setTimeout(forward, delayMs); else forward();
    });
  });
  proxy.listen(0, '127.0.0.1', () => {
    process.stdout.write('READY ' + proxy.address().port + '\n');
  });
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
