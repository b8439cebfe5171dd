import { z } from 'zod';
import { errorRegistry, isErrorCode, type ErrorCode } from '@autofin/contracts';
import { problemOf } from '../../plugins/problem.plugin.ts';

/**
 * What each error a partner can meet means and what to do about it: served at
 * /v1/problems/{slug}, the page every /v1 problem+json answer links to (`Link: …; rel="help"`).
 * The slug is the problem `type`'s last segment (API_KEY_INVALID → api-key-invalid).
 */
const GUIDE: Partial<Record<ErrorCode, { en: string; zh: string }>> = {
  VALIDATION_FAILED: { en: 'A field is missing, malformed or unknown. `errors[]` names each one (`applicant.idNumber`); fix them and send again.', zh: '字段缺失、格式错误或不被接受。`errors[]` 逐一列出字段名，修正后重新提交。' },
  MALFORMED_JSON: { en: 'The body is not valid JSON. Send `content-type: application/json` and a JSON object.', zh: '请求体不是合法 JSON，请以 application/json 发送 JSON 对象。' },
  UNSUPPORTED_MEDIA_TYPE: { en: 'Only `application/json` bodies are accepted (documents too: base64 inside JSON).', zh: '仅接受 application/json 请求体（材料上传也以 base64 放在 JSON 中）。' },
  PAYLOAD_TOO_LARGE: { en: 'The body is over the limit of this endpoint (most: the installation’s limit, 64 KiB–1 MiB; documents: 7 MiB).', zh: '请求体超过该接口上限（一般 64 KiB–1 MiB，材料上传 7 MiB）。' },
  API_KEY_INVALID: { en: 'Send `Authorization: Bearer afk_…` with a key the lender issued. A revoked key, or a rotated key after its overlap, is refused: use its replacement.', zh: '请携带贷款机构签发的 `Authorization: Bearer afk_…`。已吊销或轮换过渡期结束的密钥会被拒绝，请改用新密钥。' },
  API_KEY_SCOPE_MISSING: { en: 'The key lacks the scope this endpoint needs (named in `detail`). Ask the lender for a key with it.', zh: '密钥缺少该接口所需的权限范围（见 `detail`），请向贷款机构申请。' },
  NOT_FOUND: { en: 'No such resource for you: another partner’s application answers exactly like one that does not exist.', zh: '对您而言不存在该资源：其他合作方的申请与不存在的申请返回相同结果。' },
  ROUTE_NOT_FOUND: { en: 'No such endpoint. The reference is at /docs.', zh: '没有该接口，接口文档见 /docs。' },
  CONFLICT: { en: 'The resource is not in a state that allows this (e.g. rotating a key that is already being replaced).', zh: '资源当前状态不允许此操作。' },
  RATE_LIMITED: { en: 'Over the key’s requests per minute. Wait the seconds in `Retry-After`; `RateLimit-Remaining` shows what is left.', zh: '超过密钥每分钟请求上限，请按 `Retry-After` 秒数等待后重试。' },
  IDEMPOTENCY_KEY_REUSED: { en: 'This Idempotency-Key was used with another body or endpoint. Use a new key for a new request.', zh: '该 Idempotency-Key 已用于其他请求体或接口，新请求请使用新键。' },
  IDEMPOTENCY_IN_PROGRESS: { en: 'The first request with this Idempotency-Key is still running. Retry in a few seconds: you will get its answer.', zh: '使用该 Idempotency-Key 的首个请求仍在处理中，请稍后重试以获得其结果。' },
  APPLICATION_INVALID: { en: 'The application fails a check the schema cannot make (ID check digit, age, down payment, product): `errors[]` names each field.', zh: '申请未通过校验（身份证校验位、年龄、首付、产品等），`errors[]` 逐一列出字段。' },
  APPLICATION_CONSENT_REQUIRED: { en: 'A credit decision needs the applicant’s authorisation of the credit-bureau query (`consents.creditCheck: true`). Without it, pre-qualify instead.', zh: '正式审批需申请人授权征信查询（`consents.creditCheck: true`），未授权时可先做预审。' },
  APPLICATION_INVALID_TRANSITION: { en: 'The application is no longer open (declined, contracted, funded, withdrawn or expired).', zh: '申请已不在可操作状态（已拒绝、签约、放款、撤回或过期）。' },
  QUOTE_INVALID_INPUT: { en: 'The quote request is not valid: see `errors[]`.', zh: '报价请求无效，见 `errors[]`。' },
  QUOTE_NOT_ELIGIBLE: { en: 'No product you may sell finances this vehicle, down payment and term.', zh: '您可销售的产品均无法为该车辆、首付和期限提供融资。' },
  DOCUMENT_INVALID: { en: 'The document is empty, over 5 MiB, not the declared type (PDF, JPEG, PNG), or its stipulation is not open.', zh: '材料为空、超过 5 MiB、与声明类型不符（PDF/JPEG/PNG），或对应附加条件已结束。' },
  WEBHOOK_URL_FORBIDDEN: { en: 'Webhook URLs must be https:// to a public address; loopback, private, link-local, unique-local, multicast and reserved addresses are refused (`errors[0].message` says which).', zh: 'Webhook 地址须为公网 https://；回环、内网、链路本地、ULA、组播及保留地址会被拒绝（原因见 `errors[0].message`）。' },
  INTERNAL: { en: 'Something failed on the lender’s side. Retry with the same Idempotency-Key; quote `requestId` if it persists.', zh: '贷款机构侧出错。请使用相同 Idempotency-Key 重试，如持续出现请提供 `requestId`。' },
};

export const problemDocSchema = z
  .object({
    type: z.string(),
    code: z.string(),
    status: z.number().int(),
    title: z.string(),
    description: z.object({ en: z.string(), zh: z.string() }),
    reference: z.string(),
  })
  .meta({
    id: 'ProblemDoc',
    examples: [
      {
        type: 'https://autofin.dev/problems/rate-limited',
        code: 'RATE_LIMITED',
        status: 429,
        title: 'Too many requests',
        description: { en: 'Over the key’s requests per minute. Wait the seconds in `Retry-After`; `RateLimit-Remaining` shows what is left.', zh: '超过密钥每分钟请求上限，请按 `Retry-After` 秒数等待后重试。' },
        reference: '/docs',
      },
    ],
  });
export type ProblemDoc = z.infer<typeof problemDocSchema>;

export const problemSlug = (code: string) => code.toLowerCase().replaceAll('_', '-');

export function problemDoc(slug: string): ProblemDoc | null {
  const code = slug.toUpperCase().replaceAll('-', '_');
  if (!isErrorCode(code)) return null;
  const entry = errorRegistry[code];
  return {
    type: problemOf(code, undefined, '').type,
    code,
    status: entry.status,
    title: entry.title,
    description: GUIDE[code] ?? { en: entry.title, zh: entry.title },
    reference: '/docs',
  };
}
