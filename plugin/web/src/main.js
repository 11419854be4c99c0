// The demo editor: a flow view, a chat with live progress, accept/reject of each suggested patch, undo.
import { callCopilot, validateFlow } from "./api.js";
import { addLine, problemSummary, renderFlow, renderOps, renderProblems } from "./flowview.js";
import { EditorState } from "./state.js";

const $ = (id) => document.getElementById(id);
const state = new EditorState();
let conversationId = null; // the service starts one on the first request and returns its id

function render() {
  renderFlow($("flow"), state.flow);
  renderProblems($("problems"), []);
  $("undo").disabled = state.undoStack.length === 0;
  $("autocomplete").disabled = state.flow === null;
  $("validate").disabled = state.flow === null;
  const pending = state.pending;
  $("suggestion").hidden = pending === null;
  if (pending) {
    $("explanation").textContent = pending.result.explanation || `${pending.result.task} via ${pending.result.path}`;
    $("note").textContent = pending.note;
    renderOps($("ops"), pending.result.patch);
    renderProblems($("suggestion-problems"), pending.result.problems);
    renderFlow($("preview"), pending.flow, state.flow ?? {});
  }
}

function setBusy(busy, text) {
  $("status").textContent = text;
  $("status").className = busy ? "busy" : "";
  for (const id of ["send", "autocomplete"]) $(id).disabled = busy || (id === "autocomplete" && !state.flow);
}

function failure(result) {
  const problems = (result.problems ?? []).slice(0, 3).map((p) => `${p.path || "/"}: ${p.message}`);
  return [result.error || "the copilot could not produce a valid flow", ...problems].join("; ");
}

async function ask(endpoint, body, label) {
  $("progress").replaceChildren();
  setBusy(true, `${label}…`);
  try {
    const result = await callCopilot(endpoint, body, (event, data) =>
      addLine($("progress"), `event ${event}`, `${event} ${JSON.stringify(data)}`),
    );
    conversationId = result.conversation_id ?? conversationId;
    addLine($("progress"), "event done", `done: ${result.task} via ${result.path ?? "-"}`);
    const summary = result.patch.length ? `Suggested ${result.patch.length} change(s).` : "";
    addLine($("messages"), "assistant", [result.explanation, summary].filter(Boolean).join(" ") || "(no change)");
    if (!result.ok) addLine($("messages"), "error", failure(result));
    if (result.patch.length) state.suggest(result);
    setBusy(false, result.ok ? "ready" : "ready (with problems)");
  } catch (error) {
    if (error.status === 404) conversationId = null; // expired or deleted: the next request starts anew
    addLine($("messages"), "error", error.message);
    setBusy(false, "error");
  }
  render();
}

// The conversation to continue, if there is one yet.
const inConversation = (body) => (conversationId ? { ...body, conversation_id: conversationId } : body);

$("chat-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const message = $("chat-input").value.trim();
  if (!message) return;
  $("chat-input").value = "";
  addLine($("messages"), "user", message);
  ask("chat", inConversation({ message, flow: state.flow }), "working");
});

$("autocomplete").addEventListener("click", () => {
  addLine($("messages"), "user", "(autocomplete)");
  ask("complete", inConversation({ flow: state.flow }), "completing");
});

$("accept").addEventListener("click", () => {
  state.accept();
  render();
});

$("reject").addEventListener("click", () => {
  state.reject();
  render();
});

$("undo").addEventListener("click", () => {
  state.undo();
  render();
});

$("validate").addEventListener("click", async () => {
  try {
    const { ok, problems } = await validateFlow(state.flow);
    renderProblems($("problems"), problems);
    const summary = problemSummary(problems);
    $("status").textContent = ok ? (summary ? `valid, ${summary}: resolve before activation` : "valid") : summary;
  } catch (error) {
    addLine($("messages"), "error", error.message);
  }
});

render();
