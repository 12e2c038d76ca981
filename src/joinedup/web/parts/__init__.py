"""Page parts shared by several routers (a router never imports another router)."""
