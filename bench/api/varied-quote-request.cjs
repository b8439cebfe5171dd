// autocannon's setupRequest for "a new body on every request", as a file because the load runs in
// a worker thread (autocannon `workers`): a function cannot be cloned into a worker, a path can.
// The quote body of api.bench.ts with the down payment raised by one fen per request, so no two
// requests are the same deal (never a memo hit, a new content to price, gzip and store each time).
'use strict';
const base = JSON.parse(process.env.BENCH_QUOTE_BODY || '{}');
let next = 1;
module.exports = (request) => {
  const fen = 5_000_000 + next++;
  return { ...request, body: JSON.stringify({ ...base, downPayment: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}` }) };
};
