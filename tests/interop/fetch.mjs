// fetch.mjs - make one request with Node's built-in fetch() and let it
// follow redirects (redirect: 'follow'), as an application would.
//
// usage: node fetch.mjs SPEC
//   SPEC is JSON: {"url": S, "method": S, "headers": [[name, value], ...],
//                  "body": S or null, "stream": bool, "timeout_ms": N}
//   "stream": send the body as a ReadableStream (which fetch cannot send
//   twice); otherwise a string body, which it can.
//
// Prints one line of JSON and exits 0:
//   {"result":"response","status":N,"url":S}     the final response
//   {"result":"error","message":S,"cause":S}     fetch() rejected
// Any other exit (a crash) is reported by the harness as such.

const spec = JSON.parse(process.argv[2]);

async function main() {
  const init = {
    method: spec.method,
    headers: spec.headers,
    redirect: 'follow',
    signal: AbortSignal.timeout(spec.timeout_ms ?? 10000),
  };
  if (spec.body !== null && spec.body !== undefined) {
    if (spec.stream) {
      const bytes = new TextEncoder().encode(spec.body);
      init.body = new ReadableStream({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      });
      init.duplex = 'half'; // required for a stream body
    } else {
      init.body = spec.body;
    }
  }
  try {
    const res = await fetch(spec.url, init);
    await res.arrayBuffer(); // read the (empty) body to the end
    return { result: 'response', status: res.status, url: res.url };
  } catch (err) {
    return {
      result: 'error',
      message: String(err && err.message),
      cause: err && err.cause !== undefined ? String(err.cause) : '',
    };
  }
}

main().then((out) => {
  process.stdout.write(JSON.stringify(out) + '\n');
});
