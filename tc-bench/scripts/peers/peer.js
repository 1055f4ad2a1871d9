// The official Node.js SDK's side of tc-bench/scripts/peers.sh.
//
//   node peer.js call PORT                 one DescribeImageSharePermission, prints the answer
//   node peer.js load PORT CONCURRENCY REQUESTS WARMUP
//                                          prints one JSON line: requests_per_sec,
//                                          cpu_us_per_request, p50_us, p99_us, errors
//
// The SDK signs the host without its port and takes the service from the
// endpoint's first label, so it is pointed at `cvm.tc-mock.test` (port 80 as far
// as it knows) and its own keep-alive agent connects to 127.0.0.1:PORT instead.
// The key pair comes from TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY.
"use strict";

const http = require("http");
const net = require("net");
const tencentcloud = require("tencentcloud-sdk-nodejs-cvm");

const IMAGE_ID = "img-6pb6lrmy";
const REGION = "ap-guangzhou";

function newClient(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  agent.createConnection = (options, callback) =>
    net.createConnection({ host: "127.0.0.1", port }, callback);
  return new tencentcloud.cvm.v20170312.Client({
    credential: {
      secretId: process.env.TENCENTCLOUD_SECRET_ID,
      secretKey: process.env.TENCENTCLOUD_SECRET_KEY,
    },
    region: REGION,
    profile: { httpProfile: { endpoint: "cvm.tc-mock.test", protocol: "http://", agent } },
  });
}

const call = (client) => client.DescribeImageSharePermission({ ImageId: IMAGE_ID });

// Sends `requests` calls from `concurrency` concurrent loops; latencies in µs.
async function drive(client, concurrency, requests) {
  let next = 0;
  let errors = 0;
  const latencies = [];
  const loop = async () => {
    while (next < requests) {
      next += 1;
      const sent = process.hrtime.bigint();
      try {
        await call(client);
      } catch (_) {
        errors += 1;
      }
      latencies.push(Number(process.hrtime.bigint() - sent) / 1000);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { latencies, errors };
}

function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return Math.trunc(sorted[rank - 1]);
}

async function main() {
  const [mode, port, ...rest] = process.argv.slice(2);
  const client = newClient(Number(port));
  if (mode === "call") {
    console.log(JSON.stringify(await call(client)));
    return;
  }
  const [concurrency, requests, warmup] = rest.map(Number);
  await drive(client, concurrency, warmup);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const { latencies, errors } = await drive(client, concurrency, requests);
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({
    requests: latencies.length,
    requests_per_sec: Math.round((latencies.length / wall) * 10) / 10,
    cpu_us_per_request: Math.round(((used.user + used.system) / latencies.length) * 10) / 10,
    p50_us: percentile(latencies, 50),
    p99_us: percentile(latencies, 99),
    errors,
  }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(String(error));
    process.exit(1);
  },
);
