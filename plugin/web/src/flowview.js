// Renders a flow: the trigger on top, then components as a tree indented by their enclosing block.

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function inputsList(inputs) {
  const list = el("ul", "inputs");
  for (const input of inputs ?? []) list.append(el("li", "", `${input.name} = ${input.value}`));
  return list;
}

function depths(components) {
  const byOrder = new Map(components.map((c) => [c.order, c]));
  const depth = new Map();
  const of = (c, seen = 0) => {
    if (c.block == null || !byOrder.has(c.block) || seen > components.length) return 0;
    return of(byOrder.get(c.block), seen + 1) + 1;
  };
  for (const c of components) depth.set(c.order, of(c));
  return depth;
}

// `before` (optional): the flow this one would replace, to mark added and changed components.
export function renderFlow(container, flow, before) {
  container.replaceChildren();
  if (!flow || !flow.trigger) {
    container.append(el("p", "empty", "No flow yet: describe one in the chat."));
    return;
  }
  if (flow.name) container.append(el("h3", "flow-name", flow.name));
  const trigger = el("div", "trigger");
  trigger.dataset.testid = "trigger";
  trigger.append(el("span", "label", `Trigger: ${flow.trigger.type}`), inputsList(flow.trigger.inputs));
  container.append(trigger);
  const components = [...(flow.components ?? [])].sort((a, b) => a.order - b.order);
  const depth = depths(components);
  const old = new Map((before?.components ?? []).map((c) => [c.order, JSON.stringify(c)]));
  for (const c of components) {
    const row = el("div", `component ${c.category}`);
    row.dataset.order = c.order;
    row.style.marginLeft = `${depth.get(c.order) * 1.5}rem`;
    if (before !== undefined && !old.has(c.order)) row.classList.add("added");
    else if (before !== undefined && old.get(c.order) !== JSON.stringify(c)) row.classList.add("changed");
    row.append(el("span", "label", `${c.order}. ${c.definition}`), el("span", "category", c.category));
    if (c.definition === "placeholder") {
      // A step the catalog cannot do (agent/unsupported.py): shown as such until someone replaces it.
      row.classList.add("placeholder");
      row.append(el("span", "badge warning", "placeholder: resolve before activation"));
    }
    row.append(inputsList(c.inputs));
    container.append(row);
  }
}

export function renderOps(list, patch) {
  list.replaceChildren();
  for (const op of patch) {
    let value = op.value === undefined ? "" : ` ${JSON.stringify(op.value)}`;
    if (value.length > 120) value = `${value.slice(0, 117)}...`;
    list.append(el("li", `op ${op.op}`, `${op.op} ${op.path}${value}`));
  }
}

// Errors make a flow invalid; warnings (severity "warning", e.g. placeholder steps) are resolved before activation.
export function renderProblems(list, problems) {
  list.replaceChildren();
  for (const p of problems ?? []) {
    const warning = p.severity === "warning";
    const item = el("li", warning ? "problem warning" : "problem", `${p.path || "/"}: ${p.message} [${p.code}]`);
    if (warning) item.prepend(el("span", "badge warning", "warning: resolve before activation"), " ");
    list.append(item);
  }
}

export function problemSummary(problems) {
  const warnings = (problems ?? []).filter((p) => p.severity === "warning").length;
  const errors = (problems ?? []).length - warnings;
  return [errors && `${errors} error(s)`, warnings && `${warnings} warning(s)`].filter(Boolean).join(", ");
}

export function addLine(list, className, text) {
  const item = el("li", className, text);
  list.append(item);
  item.scrollIntoView({ block: "nearest" });
  return item;
}
