import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { z } from 'zod';
import { createJsonSchemaTransformObject, jsonSchemaTransform } from 'fastify-type-provider-zod';

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
    // The operations refer to schemas with a meta id (Problem, QuotesRequest …) as components: emit
    // exactly those (the whole global registry also holds console-only schemas whose names collide).
    transformObject: (input) => {
      if (!('openapiObject' in input)) return input.swaggerObject;
      const used = JSON.stringify(input.openapiObject.paths ?? {});
      const registry = z.registry<{ id: string }>();
      for (const [, raw] of used.matchAll(/#\/components\/schemas\/([\w-]+)/g)) {
        for (const id of [raw!, raw!.replace(/Input$/, '')]) {
          const schema = z.globalRegistry._idmap.get(id);
          if (schema && !registry.has(schema)) registry.add(schema, { ...z.globalRegistry.get(schema), id });
        }
      }
      return createJsonSchemaTransformObject({ schemaRegistry: registry })(input);
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
});
