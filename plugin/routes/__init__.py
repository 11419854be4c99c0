"""HTTP routes, one module per concern; `plugin.app` mounts them."""
