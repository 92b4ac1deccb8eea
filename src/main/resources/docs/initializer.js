// Renders this server's own OpenAPI document. validatorUrl: null keeps Swagger UI from calling
// the public validator: the page loads nothing from outside this server.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
};
