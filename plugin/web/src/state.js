// The editor's document: the current flow, an undo stack and the pending suggestion.
import { applyPatch, compare, deepClone } from "fast-json-patch";

export class EditorState {
  constructor() {
    this.flow = null; // null: nothing yet (patches then apply to {})
    this.undoStack = [];
    this.pending = null; // {result, flow, note}
  }

  // Holds a copilot result as a suggestion; its flow is the patch applied to the current flow.
  suggest(result) {
    let flow = null;
    let note = "";
    try {
      flow = applyPatch(deepClone(this.flow ?? {}), result.patch, true, false).newDocument;
    } catch (error) {
      note = `the patch does not apply to this flow (${error.message}); using the returned flow`;
    }
    if (result.flow && (flow === null || compare(flow, result.flow).length > 0)) {
      if (!note) note = "the patch and the returned flow differ; using the returned flow";
      flow = result.flow;
    }
    this.pending = { result, flow, note };
    return this.pending;
  }

  accept() {
    if (!this.pending) return;
    this.undoStack.push(this.flow);
    this.flow = this.pending.flow;
    this.pending = null;
  }

  reject() {
    this.pending = null;
  }

  undo() {
    if (this.undoStack.length) this.flow = this.undoStack.pop();
  }
}
