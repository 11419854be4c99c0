"""Graph nodes: plain functions `(state, runtime) -> partial update`."""
