"""Page routes, one module per resource."""
