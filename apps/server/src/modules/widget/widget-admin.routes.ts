import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dealerWidgetListSchema, problemSchema } from '@autofin/contracts';
import { listWidgets } from './widget.repository.ts';

/**
 * GET /api/widgets: which dealers have a calculator widget and what to paste into their site.
 * Dealer operations hand these snippets to dealers; the widget id is public by design.
 */
export const widgetAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    { schema: { response: { 200: dealerWidgetListSchema, 401: problemSchema, 403: problemSchema } }, preHandler: app.requireRole('dealer_ops', 'marketing') },
    async (request) => {
      const origin = `${request.protocol}://${request.host}`;
      const widgets = await listWidgets(app.database.db);
      return {
        items: widgets.map((w) => ({
          ...w,
          scriptSnippet: `<script src="${origin}/widget/calculator.js" data-widget-id="${w.widgetId}"></script>`,
          iframeSnippet: `<iframe src="${origin}/widget/calculator.html?widget=${w.widgetId}" title="${w.dealerName}" style="width:470px;height:760px;border:0"></iframe>`,
        })),
      };
    },
  );
};
