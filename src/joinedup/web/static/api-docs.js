// Swagger UI for the Joined Up API, from the packaged assets (no third-party hosts).
window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui" });
