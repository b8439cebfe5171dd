// The error-code registry: every failure the platform reports has a stable code here.
// The domain throws DomainError(code); only the HTTP layer maps a code to its status.
// Later contexts append their codes; a code never changes meaning once released.
export const errorRegistry = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNAUTHENTICATED: { status: 401, title: 'Sign-in required' },
  INVALID_CREDENTIALS: { status: 401, title: 'E-mail or password is wrong' },
  FORBIDDEN: { status: 403, title: 'Your role may not do this' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such endpoint' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'Conflict with the current state' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  NOT_READY: { status: 503, title: 'The service is starting' },
  INTERNAL: { status: 500, title: 'Internal error' },
  // finance
  FINANCE_INVALID_INPUT: { status: 400, title: 'The loan terms are not valid' },
  FINANCE_NO_RATE: { status: 422, title: 'No rate solves these cash flows' },
  // pricing
  PRICING_INVALID_GRID: { status: 422, title: 'The pricing grid is not valid' },
  PRICING_INVALID_INPUT: { status: 400, title: 'The pricing request is not valid' },
  PRICING_NOT_ELIGIBLE: { status: 422, title: 'The grid does not price this loan' },
  // vehicles
  VALUATION_INVALID_INPUT: { status: 400, title: 'The vehicle valuation request is not valid' },
  VALUATION_FIT_FAILED: { status: 422, title: 'The valuation model cannot be fitted to these data' },
  // decisioning: scorecards
  SCORECARD_INVALID_DATA: { status: 400, title: 'The data cannot train or score a scorecard' },
  SCORECARD_INVALID_MODEL: { status: 422, title: 'The model is not a valid scorecard' },
  // products
  PRODUCT_INVALID: { status: 422, title: 'The product definition is not valid' },
  PRODUCT_BREACHES_RULES: { status: 422, title: 'The product could breach a regulatory limit' },
  PRODUCT_NOT_DRAFT: { status: 409, title: 'Only a draft version can be changed or published' },
  // quotes
  QUOTE_INVALID_INPUT: { status: 400, title: 'The quote request is not valid' },
  QUOTE_NOT_ELIGIBLE: { status: 422, title: 'No product can finance this' },
  // promotions
  PROMOTION_INVALID: { status: 422, title: 'The promotion is not valid' },
  PROMOTION_WRONG_STATE: { status: 409, title: 'The promotion is not in a state that allows this' },
  PROMOTION_SELF_APPROVAL: { status: 403, title: 'A promotion must be approved by someone other than its creator' },
  PROMOTION_BUDGET_EXHAUSTED: { status: 409, title: 'The promotion budget does not cover this offer' },
  PROMOTION_NOT_APPLICABLE: { status: 422, title: 'The offer does not carry this promotion' },
  // pricing grids (stored)
  PRICING_GRID_NOT_DRAFT: { status: 409, title: 'Only a draft grid version can be changed or published' },
  // applications (lifecycle, stipulations) and decisioning (strategy, engine)
  APPLICATION_INVALID: { status: 400, title: 'The application is not valid' },
  APPLICATION_INVALID_TRANSITION: { status: 409, title: 'The application cannot move to that status from its current one' },
  APPLICATION_STIPULATIONS_OPEN: { status: 409, title: 'Every stipulation must be satisfied or waived first' },
  STIPULATION_INVALID_TRANSITION: { status: 409, title: 'The stipulation is already settled' },
  DECISION_STRATEGY_INVALID: { status: 422, title: 'The decision strategy is not valid' },
  DECISION_MODEL_MISSING: { status: 422, title: 'The strategy names a scorecard model that is not available' },
  // applications (service and review queue)
  APPLICATION_CONSENT_REQUIRED: { status: 422, title: 'The applicant has not authorised the credit check' },
  REVIEW_CLAIMED: { status: 409, title: 'Another reviewer has claimed this application' },
  // decisioning registry and strategy versions (console)
  DECISIONING_MODEL_WRONG_STATE: { status: 409, title: 'The model is not in a state that allows this' },
  DECISIONING_CHALLENGER_SHARE: { status: 422, title: 'The challengers would take too much traffic' },
  DECISIONING_STRATEGY_NOT_DRAFT: { status: 409, title: 'Only a draft strategy version can be changed or published' },
  DECISIONING_WHAT_IF_REQUIRED: { status: 409, title: 'Run the what-if on this draft before publishing it' },
  // partner API (/v1)
  API_KEY_INVALID: { status: 401, title: 'The API key is missing, malformed, revoked or expired' },
  API_KEY_SCOPE_MISSING: { status: 403, title: 'The API key does not have the scope this needs' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'The Idempotency-Key was used with a different request' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  PARTNER_INVALID: { status: 422, title: 'The partner is not valid' },
  DOCUMENT_INVALID: { status: 422, title: 'The document is not acceptable' },
  WEBHOOK_URL_FORBIDDEN: { status: 422, title: 'The webhook URL may not be used: wrong scheme or a non-public address' },
  // campaigns (definition, contact policy, templates)
  CAMPAIGN_INVALID: { status: 422, title: 'The campaign is not valid' },
  CAMPAIGN_TEMPLATE_INVALID: { status: 422, title: 'The message template is not valid' },
  CAMPAIGN_WRONG_STATE: { status: 409, title: 'The campaign is not in a state that allows this' },
  CAMPAIGN_SELF_APPROVAL: { status: 403, title: 'A campaign must be approved by someone other than its creator' },
  CAMPAIGN_NOT_APPROVED: { status: 409, title: 'The campaign must be approved before it is launched' },
  CONTACT_POLICY_INVALID: { status: 422, title: 'The contact policy is not valid' },
  // journeys (triggered campaigns)
  JOURNEY_WRONG_STATE: { status: 409, title: 'The journey is not in a state that allows this' },
  JOURNEY_SELF_APPROVAL: { status: 403, title: 'A journey version must be approved by someone other than its author' },
  JOURNEY_NOT_APPROVED: { status: 409, title: 'This version of the journey must be approved before it is activated' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorRegistry;

/** One bad field in a request: where it is and why it is wrong. */
export interface FieldError {
  /** Dotted path to the field, e.g. `applicant.idNumber` or `body.principal`. */
  field: string;
  message: string;
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorRegistry, value);
}
