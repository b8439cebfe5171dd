import { z } from 'zod';
import { dealerGradeSchema, gridPreviewSchema, pricingGridSchema, salesChannelSchema, vehicleConditionSchema } from './pricing.ts';
import { fuelSchema } from './vehicles.ts';

/**
 * The pricing grids API: grids are data, stored versioned. A version is a draft (editable) until
 * published; publishing makes it the one active grid (quotes price off it) and retires the
 * previous active version. Roles: risk (and admin) edit and publish; every change is audited.
 *
 *   GET  /api/pricing/grids                              → GridListResponse
 *   GET  /api/pricing/grids/active                       → StoredGrid
 *   GET  /api/pricing/grids/{gridId}/versions/{version}  → StoredGrid
 *   POST /api/pricing/grids                              PricingGrid (version ignored) → StoredGrid (draft, next version of that id)
 *   PUT  /api/pricing/grids/{gridId}/versions/{version}  PricingGrid → StoredGrid (drafts only)
 *   POST /api/pricing/grids/{gridId}/versions/{version}/publish → StoredGrid
 *   POST /api/pricing/preview                            GridPreviewRequest → PricingGridPreview
 */

export const gridStatuses = ['draft', 'active', 'retired'] as const;
export const gridStatusSchema = z.enum(gridStatuses);
export type GridStatus = z.infer<typeof gridStatusSchema>;

export const storedGridSchema = z
  .object({
    gridId: z.string(),
    version: z.number().int(),
    status: gridStatusSchema,
    grid: pricingGridSchema,
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    publishedBy: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'StoredPricingGrid' });
export type StoredGrid = z.infer<typeof storedGridSchema>;

export const gridSummarySchema = storedGridSchema.omit({ grid: true }).extend({
  description: z.string().nullable(),
  effectiveFrom: z.string(),
  products: z.array(z.string()),
});
export type GridSummary = z.infer<typeof gridSummarySchema>;

export const gridListResponseSchema = z.object({ items: z.array(gridSummarySchema) });
export const gridVersionParamsSchema = z.object({ gridId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/), version: z.coerce.number().int().min(1) });

/** What stays fixed across the preview matrix (as in the domain's previewGrid). */
export const gridPreviewBaseSchema = z.object({
  productCode: z.string().min(1),
  cityTier: z.number().int().min(1).max(4).default(2),
  vehicle: z.object({ condition: vehicleConditionSchema, fuel: fuelSchema, ageMonths: z.number().int().min(0).max(600).default(0) }),
  channel: salesChannelSchema.default('dealer'),
  dealerGrade: dealerGradeSchema.optional(),
  priorLoans: z.number().int().min(0).max(100).default(0),
  /** Fixed term when the columns are LTV bands. */
  termMonths: z.number().int().min(1).max(120).optional(),
  /** Fixed LTV percent when the columns are terms (default 70). */
  ltvPercent: z.string().regex(/^\d{1,3}(\.\d{1,4})?$/).optional(),
});

/** Preview a grid in the body (a draft being edited, unsaved) or a stored version. */
export const gridPreviewRequestSchema = z
  .object({
    grid: pricingGridSchema.optional(),
    gridId: z.string().optional(),
    version: z.number().int().min(1).optional(),
    base: gridPreviewBaseSchema,
    columns: z.enum(['term', 'ltvBand']).default('term'),
  })
  .refine((r) => r.grid !== undefined || (r.gridId !== undefined && r.version !== undefined), {
    message: 'give either grid, or gridId and version',
    path: ['grid'],
  })
  .meta({ id: 'PricingGridPreviewRequest' });
export type GridPreviewRequest = z.input<typeof gridPreviewRequestSchema>;

export { gridPreviewSchema as gridPreviewResponseSchema };
