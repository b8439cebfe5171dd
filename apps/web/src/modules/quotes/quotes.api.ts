import type { ProductListResponse, QuotesRequest, QuotesResponse } from '@autofin/contracts';
import { request } from '../../api/client.ts';

export function postQuote(body: QuotesRequest, signal?: AbortSignal): Promise<QuotesResponse> {
  return request<QuotesResponse>('/api/quotes', { method: 'POST', body, signal });
}

/** The catalogue, for the optional product filter. */
export function fetchProductList(signal?: AbortSignal): Promise<ProductListResponse> {
  return request<ProductListResponse>('/api/products', { signal });
}
