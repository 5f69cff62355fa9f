// Drives Runpod's official JavaScript SDK (runpod-sdk, pinned in package.json) against the worker's
// local API, as an SDK user would. LocalApiSdkIT starts the real worker jar and runs this script.
//
// Environment: YTW_BASE_URL (http://127.0.0.1:PORT/v2), YTW_FAST_MEDIA (a media URL that downloads
// at once), YTW_SLOW_MEDIA (one that downloads over about 3 s), YTW_STALLED_MEDIA (one that takes
// minutes). Every step runs; each prints "ok" or "not ok" with the reason; exit 1 if any failed.
import http from "node:http";
import runpodSdk from "runpod-sdk";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (LocalApiSdkIT sets it)`);
  return value;
};
const BASE_URL = env("YTW_BASE_URL");
const FAST = env("YTW_FAST_MEDIA");
const SLOW = env("YTW_SLOW_MEDIA");
const STALLED = env("YTW_STALLED_MEDIA");
const FINAL = ["COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"];

// What the SDK's transport received from /stream (to tell items that came before the end from those
// that came with it: the SDK's generator yields the items only) and from /status-sync. A spy, not a
// stand-in: every call still goes to the real fetch.
const streamAnswers = [];
const statusSyncAnswers = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, options) => {
  const answer = await realFetch(url, options);
  if (String(url).includes("/status-sync/")) {
    let body = null;
    try {
      body = await answer.clone().json();
    } catch (e) {
      // recorded as null: not JSON
    }
    statusSyncAnswers.push({ status: answer.status, body });
  }
  if (String(url).includes("/stream/")) {
    try {
      streamAnswers.push({ url: String(url), body: await answer.clone().json() });
    } catch (e) {
      streamAnswers.push({ url: String(url), body: null });
    }
  }
  return answer;
};

const runpod = runpodSdk("local-no-key-needed", { baseUrl: BASE_URL });
const endpoint = runpod.endpoint("local");

const input = (url, extra = {}) => ({ youtube_url: url, formats: ["srt", "txt"], ...extra });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function awaitStatus(id, wanted, ms = 120_000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await endpoint.status(id);
    if (wanted(last)) return last;
    await sleep(100);
  }
  throw new Error(`job ${id} did not get there within ${ms} ms; last status ${JSON.stringify(last)}`);
}

const results = [];
async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push(true);
    console.log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push(false);
    console.log(`not ok - ${name}: ${e && e.stack ? e.stack : e}`);
  }
}

await step("health has the job counters and the five worker counters", async () => {
  const health = await endpoint.health();
  for (const counter of ["completed", "failed", "inProgress", "inQueue", "retried"]) {
    check(Number.isInteger(health.jobs?.[counter]), `jobs.${counter} missing in ${JSON.stringify(health)}`);
  }
  for (const counter of ["idle", "initializing", "ready", "running", "throttled"]) {
    check(Number.isInteger(health.workers?.[counter]), `workers.${counter} missing in ${JSON.stringify(health)}`);
  }
});

await step("run, then status until COMPLETED with the output", async () => {
  const queued = await endpoint.run({ input: input(FAST, { request_id: "sdk-run" }) });
  check(typeof queued.id === "string" && queued.status === "IN_QUEUE", `run answered ${JSON.stringify(queued)}`);
  const done = await awaitStatus(queued.id, (s) => s.completed);
  check(done.status === "COMPLETED" && done.succeeded === true, `ended ${JSON.stringify(done)}`);
  check(done.output?.status === "done" && /sdk-run\.srt$/.test(done.output?.srt_path ?? ""),
    `output ${JSON.stringify(done.output)}`);
});

// runSync(request, timeout) uses timeout both as runsync's ?wait= and as its own deadline: it polls
// /status-sync/{id} until about 2 x timeout after the start, then resolves with the unfinished status.
// A pipeline job takes longer than that here, so the step checks that runSync resolves (it threw on
// the 404 /status-sync answered before), that it went through /status-sync, and that the SDK's
// statusSync then brings the output.
await step("runSync with a 2-s wait on a longer job resolves, and status-sync brings the output", async () => {
  const started = Date.now();
  const from = statusSyncAnswers.length;
  const first = await endpoint.runSync({ input: input(SLOW, { request_id: "sdk-runsync" }) }, 2000);
  const took = Date.now() - started;
  check(typeof first.id === "string" && first.id.startsWith("sync-") && first.started === true,
    `runSync resolved after ${took} ms with ${JSON.stringify(first)}`);
  let done = first;
  if (!first.completed) {
    const polls = statusSyncAnswers.slice(from);
    check(polls.length >= 1 && polls.every((p) => p.status === 200 && p.body?.id === first.id),
      `runSync did not poll /status-sync/{id} with JSON answers: ${JSON.stringify(polls)}`);
    done = await endpoint.statusSync(first.id, 90_000);
    for (let i = 0; i < 3 && !done.completed; i++) done = await endpoint.statusSync(first.id, 90_000);
  } else {
    check(took > 2000, `the job took only ${took} ms: it must outlast the 2-s wait for this step to mean anything`);
  }
  check(done.completed === true && done.status === "COMPLETED" && done.output?.status === "done",
    `the job ended with ${JSON.stringify(done)}`);
});

await step("stream yields transcript items with text before the job is COMPLETED", async () => {
  const queued = await endpoint.run({ input: input(SLOW, { request_id: "sdk-stream" }) });
  const from = streamAnswers.length;
  const items = [];
  for await (const item of endpoint.stream(queued.id, 120_000)) items.push(item);
  const answers = streamAnswers.slice(from).map((a) => a.body);
  check(answers.length > 0 && answers.every((a) => a && typeof a.status === "string" && Array.isArray(a.stream)),
    `/stream answers are not {status, stream: [...]}: ${JSON.stringify(answers.slice(0, 3))}`);
  check(answers[answers.length - 1].status === "COMPLETED", `the stream ended with ${JSON.stringify(answers.at(-1))}`);
  check(items.every((i) => i && "output" in i), `items are not {output}: ${JSON.stringify(items.slice(0, 3))}`);
  const early = answers.filter((a) => !FINAL.includes(a.status))
    .flatMap((a) => a.stream).filter((i) => typeof i.output?.text === "string" && i.output.text.trim() !== "");
  check(early.length >= 1, `no stream item with text arrived before COMPLETED (${answers.length} answers, `
    + `${items.length} items in all): ${JSON.stringify(answers.slice(-2))}`);
});

await step("a webhook receives the final status body", async () => {
  const received = [];
  const receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ method: request.method, type: request.headers["content-type"], body });
      response.writeHead(200).end();
    });
  });
  await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    const hook = `http://127.0.0.1:${receiver.address().port}/runpod-hook`;
    const queued = await endpoint.run({ input: input(FAST, { request_id: "sdk-webhook" }), webhook: hook });
    const deadline = Date.now() + 120_000;
    while (received.length === 0 && Date.now() < deadline) await sleep(100);
    check(received.length === 1, `the receiver got ${received.length} requests`);
    check(received[0].method === "POST" && received[0].type === "application/json", JSON.stringify(received[0]));
    const body = JSON.parse(received[0].body);
    check(body.id === queued.id && body.status === "COMPLETED" && body.output?.status === "done",
      `webhook body ${received[0].body}`);
    const status = await endpoint.status(queued.id);
    check(status.status === body.status && status.executionTime === body.executionTime,
      `the webhook body differs from /status: ${received[0].body} vs ${JSON.stringify(status)}`);
  } finally {
    receiver.close();
  }
});

await step("cancel a queued and a running job; purgeQueue drops the waiting ones", async () => {
  const running = await endpoint.run({ input: input(STALLED, { request_id: "sdk-stalled" }) });
  await awaitStatus(running.id, (s) => s.status === "IN_PROGRESS");
  const queued = await endpoint.run({ input: input(FAST, { request_id: "sdk-queued" }) });
  const waiting = [await endpoint.run({ input: input(FAST) }), await endpoint.run({ input: input(FAST) })];
  const cancelledQueued = await endpoint.cancel(queued.id);
  check(cancelledQueued.status === "CANCELLED", `cancel of a queued job: ${JSON.stringify(cancelledQueued)}`);
  const purged = await endpoint.purgeQueue();
  check(purged.removed === waiting.length && purged.status === "completed", `purgeQueue: ${JSON.stringify(purged)}`);
  let gone = 0;
  for (const job of waiting) {
    try {
      await endpoint.status(job.id);
    } catch (e) {
      if (e.response?.status === 404) gone++;
    }
  }
  check(gone === waiting.length, `${gone} of ${waiting.length} purged jobs answer 404`);
  const cancelledRunning = await endpoint.cancel(running.id);
  check(cancelledRunning.status === "CANCELLED", `cancel of a running job: ${JSON.stringify(cancelledRunning)}`);
  const after = await endpoint.status(running.id);
  check(after.status === "CANCELLED", `after cancel: ${JSON.stringify(after)}`);
});

await step("health counts the finished jobs", async () => {
  const health = await endpoint.health();
  check(health.jobs.completed >= 4, `jobs ${JSON.stringify(health.jobs)}`);
});

const failed = results.filter((r) => !r).length;
console.log(`${results.length - failed} of ${results.length} steps passed`);
process.exit(failed === 0 ? 0 : 1);
