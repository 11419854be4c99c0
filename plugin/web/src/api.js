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

// POST v1/<endpoint> as a stream; onProgress(event, data) per progress event; resolves to the result
// (also a failed one, ok=false, that the agent sent with its `error` event).
export async function callCopilot(endpoint, body, onProgress) {
  const response = await fetch(`v1/${endpoint}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(await errorMessage(response));
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
  const response = await fetch("v1/validate", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ flow }),
  });
  if (!response.ok) throw new Error(await errorMessage(response));
  return response.json();
}
