// Starts Swagger UI (loaded before this script from the app's own assets) on the app's OpenAPI document.
window.SwaggerUIBundle({
  url: '/openapi/v1.json',
  dom_id: '#swagger',
  deepLinking: true,
  presets: [window.SwaggerUIBundle.presets.apis],
});
