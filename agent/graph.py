"""The copilot StateGraph: route -> draft -> validate -> (fix | slm_repair | repair | placehold)* -> diff -> respond."""

from langgraph.graph import END, START, StateGraph
from langgraph.types import Checkpointer

from agent import routers
from agent.context import Context
from agent.nodes.answer import answer
from agent.nodes.diff import diff
from agent.nodes.draft import draft
from agent.nodes.fix import fix
from agent.nodes.placehold import placehold
from agent.nodes.repair import repair
from agent.nodes.respond import respond
from agent.nodes.route import route
from agent.nodes.slm_repair import slm_repair
from agent.nodes.validate import validate_draft
from agent.state import State


def build_graph(checkpointer: Checkpointer = None):
    """The compiled graph; run it with `context=Context(...)` and, with a checkpointer, a thread_id."""
    builder = StateGraph(State, context_schema=Context)
    for name, node in [
        ("route", route),
        ("draft", draft),
        ("validate", validate_draft),
        ("fix", fix),
        ("slm_repair", slm_repair),
        ("repair", repair),
        ("placehold", placehold),
        ("diff", diff),
        ("answer", answer),
        ("respond", respond),
    ]:
        builder.add_node(name, node)
    builder.add_edge(START, "route")
    builder.add_conditional_edges("route", routers.after_route, ["draft", "answer", "respond"])
    builder.add_conditional_edges("draft", routers.after_draft, ["validate", "respond"])
    builder.add_conditional_edges(
        "validate", routers.after_validate, ["diff", "fix", "slm_repair", "repair", "placehold", "respond"]
    )
    builder.add_edge("fix", "validate")
    builder.add_edge("slm_repair", "validate")
    builder.add_edge("placehold", "validate")
    builder.add_conditional_edges("repair", routers.after_repair, ["validate", "respond"])
    builder.add_edge("diff", "respond")
    builder.add_edge("answer", "respond")
    builder.add_edge("respond", END)
    return builder.compile(checkpointer=checkpointer, name="flowsmith-copilot")
