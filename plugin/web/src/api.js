// Calls to the Flowsmith service; paths are relative so the editor works behind a prefix.
import { sseEvents } from "./sse.js";

async function errorMessage(response) {
  try {
    const body = await response.json();
    const why = body.message || (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
    return `${response.status}: ${why}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

async function httpError(response) {
  const error = new Error(await errorMessage(response));
  error.status = response.status;
  return error;
}

// The user token: one a host page passed in the URL fragment (#token=..., never sent to a server), else a
// local development token from the service (only issued on 127.0.0.1 when no platform key is configured).
let token = new URLSearchParams(location.hash.slice(1)).get("token");
const fromHost = token !== null;

async function authorization(renew) {
  if (token === null || (renew && !fromHost)) {
    const response = await fetch("v1/auth/dev-token");
    if (!response.ok) throw await httpError(response);
    token = (await response.json()).access_token;
  }
  return `Bearer ${token}`;
}

// fetch with the user token; once more with a fresh one when it was refused (a dev token expires).
async function authorizedFetch(url, init) {
  const send = async (renew) =>
    fetch(url, { ...init, headers: { ...init.headers, Authorization: await authorization(renew) } });
  const response = await send(false);
  return response.status === 401 && !fromHost ? send(true) : response;
}

// POST v1/<endpoint> as a stream; onProgress(event, data) per progress event; resolves to the result
// (also a failed one, ok=false, that the agent sent with its `error` event).
export async function callCopilot(endpoint, body, onProgress) {
  const response = await authorizedFetch(`v1/${endpoint}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await httpError(response);
  for await (const { event, data } of sseEvents(response)) {
    if (event === "done") return data;
    if (event === "error") {
      if (data.result) return data.result;
      throw new Error(data.code ? `${data.code}: ${data.message}` : data.message || "the copilot failed");
    }
    onProgress(event, data);
  }
  throw new Error("the stream ended without a result");
}

export async function validateFlow(flow) {
  const response = await authorizedFetch("v1/validate", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ flow }),
  });
  if (!response.ok) throw await httpError(response);
  return response.json();
}
