import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * The partner API's OpenAPI 3.1 document, generated from the zod contracts of the /v1 routes
 * (console /api routes are internal and left out), served at /v1/openapi.json and browsable at /docs.
 */
export const openapiPlugin = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'autofin partner API',
        version: '1.0.0',
        description:
          'The API through which dealers, dealer groups, OEM sites and e-commerce partners quote, apply and follow applications. ' +
          'Money is a decimal string with two places (yuan); errors are RFC 9457 application/problem+json with a stable `code`.',
      },
      servers: [{ url: '/', description: 'this autofin installation' }],
      components: { securitySchemes: { partnerKey: { type: 'http', scheme: 'bearer', description: 'A partner API key issued in the console' } } },
      security: [{ partnerKey: [] }],
    },
    transform: (input) => {
      if (!input.url.startsWith('/v1/') || input.url === '/v1/openapi.json') {
        return { schema: { ...input.schema, hide: true }, url: input.url };
      }
      return jsonSchemaTransform(input);
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
});
