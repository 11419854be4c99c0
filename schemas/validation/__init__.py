"""Flow validation against the catalog, split by concern; the entry point is `schemas.validate.validate_flow`."""
