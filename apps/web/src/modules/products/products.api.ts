import type {
  ProductDefinitionInput,
  ProductDetailResponse,
  ProductListResponse,
  ProductValidationResponse,
  ProductVersionRecord,
  ProductViolation,
  Role,
} from '@autofin/contracts';
import { ApiError, request } from '../../api/client.ts';

/** Roles the products API lets create and edit drafts (admin may do anything); everyone signed in may read. */
export const PRODUCT_EDITORS: readonly Role[] = ['admin', 'marketing', 'risk'];
/** Roles that may publish a draft (the rulebook check runs then). */
export const PRODUCT_PUBLISHERS: readonly Role[] = ['admin', 'risk', 'compliance'];

export function fetchProducts(signal?: AbortSignal): Promise<ProductListResponse> {
  return request<ProductListResponse>('/api/products', { signal });
}

export function fetchProduct(code: string, signal?: AbortSignal): Promise<ProductDetailResponse> {
  return request<ProductDetailResponse>(`/api/products/${encodeURIComponent(code)}`, { signal });
}

/** A new product, or the next draft version of an existing code. */
export function createProductDraft(definition: ProductDefinitionInput): Promise<ProductVersionRecord> {
  return request<ProductVersionRecord>('/api/products', { method: 'POST', body: definition });
}

export function updateProductDraft(code: string, version: number, definition: ProductDefinitionInput): Promise<ProductVersionRecord> {
  return request<ProductVersionRecord>(`/api/products/${encodeURIComponent(code)}/versions/${version}`, { method: 'PUT', body: definition });
}

export function publishProduct(code: string, version: number): Promise<ProductVersionRecord> {
  return request<ProductVersionRecord>(`/api/products/${encodeURIComponent(code)}/versions/${version}/publish`, { method: 'POST' });
}

export function validateProduct(definition: ProductDefinitionInput): Promise<ProductValidationResponse> {
  return request<ProductValidationResponse>('/api/products/validate', { method: 'POST', body: definition });
}

/**
 * The violations a refused publish carries: the validation response's `violations` as a problem
 * extension, or failing that the problem's field errors (without a rule name).
 */
export function violationsOf(error: unknown): ProductViolation[] | null {
  if (!(error instanceof ApiError) || !error.problem) return null;
  const extended = error.problem as typeof error.problem & { violations?: unknown };
  if (Array.isArray(extended.violations)) return extended.violations as ProductViolation[];
  if (error.problem.errors?.length) return error.problem.errors.map((e) => ({ field: e.field, message: e.message, rule: '', source: null }));
  return null;
}
