import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Divider, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Promotion, QuoteOffer, Segment } from '@autofin/contracts';
import { TEMPLATE_TOKENS } from '@autofin/domain/campaigns/template-tokens';
import { SamplePreview } from './sample-preview.tsx';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { formatMoney } from '../../ui/format.ts';
import { fetchProductList, postQuote } from '../quotes/quotes.api.ts';
import { fetchPromotions } from '../promotions/promotions.api.ts';
import { fetchSegments } from '../segments/segments.api.ts';
import { campaignsMessages } from './campaigns.i18n.ts';
import { CHANNELS, createCampaign, updateCampaign, type Campaign, type Channel, type CreateCampaignBody, type UpdateCampaignBody } from './campaigns.api.ts';
import { TemplatePreview } from './template-preview.tsx';
import { fill } from './fill.ts';

/** The sample deal the offer's quote is shown for: a mid-priced NEV, 30 % down, 36 months, tier B. */
const SAMPLE = { price: '200000', down: '60000', term: 36 };
const MAX_VARIANTS = 4;

interface VariantValues {
  name: string;
  share: number;
  templateZh?: string;
}

interface FormValues {
  name: string;
  goal?: string;
  segmentId: string;
  productCode?: string;
  promotionId?: string;
  samplePrice: string;
  sampleDown: string;
  sampleTerm: number;
  channel: Channel;
  senderName?: string;
  templateZh: string;
  templateEn?: string;
  scheduleType: 'now' | 'at';
  at?: Dayjs;
  endsAt?: Dayjs;
  budget?: string;
  holdoutPercent: number;
  variants: VariantValues[];
}

function fromCampaign(c: Campaign): FormValues {
  return {
    name: c.name,
    goal: c.goal ?? undefined,
    segmentId: c.segmentId ?? '',
    productCode: c.offer?.productCode,
    promotionId: c.offer?.promotionId,
    samplePrice: c.offer?.vehicle?.price ?? SAMPLE.price,
    sampleDown: c.offer?.downPayment ?? SAMPLE.down,
    sampleTerm: c.offer?.term ?? SAMPLE.term,
    channel: c.channel,
    senderName: c.senderName,
    templateZh: c.template.zh,
    templateEn: c.template.en,
    scheduleType: c.schedule.type,
    at: c.schedule.type === 'at' ? dayjs(c.schedule.at) : undefined,
    endsAt: c.endsAt ? dayjs(c.endsAt) : undefined,
    budget: c.budget ?? undefined,
    holdoutPercent: c.holdoutPercent,
    variants: c.variants.map((v) => ({ name: v.name, share: v.share, templateZh: v.template?.zh })),
  };
}

const blank = (s: string | undefined | null) => (s && s.trim() ? s.trim() : undefined);

/** The body both POST (create) and PATCH (edit) accept; on edit, cleared optional fields are sent as null. */
function toBody(v: FormValues): CreateCampaignBody {
  const variants = v.variants ?? [];
  return {
    name: v.name.trim(),
    goal: blank(v.goal),
    segmentId: v.segmentId,
    channel: v.channel,
    template: { zh: v.templateZh.trim(), ...(blank(v.templateEn) ? { en: blank(v.templateEn) } : {}) },
    offer: {
      ...(v.productCode ? { productCode: v.productCode } : {}),
      ...(v.promotionId ? { promotionId: v.promotionId } : {}),
      vehicle: { category: 'new-nev', price: v.samplePrice || SAMPLE.price },
      downPayment: v.sampleDown || SAMPLE.down,
      term: v.sampleTerm || SAMPLE.term,
    },
    schedule: v.scheduleType === 'at' && v.at ? { type: 'at', at: v.at.toISOString() } : { type: 'now' },
    endsAt: v.endsAt ? v.endsAt.endOf('day').toISOString() : undefined,
    budget: blank(v.budget),
    holdoutPercent: v.holdoutPercent,
    senderName: blank(v.senderName),
    // Variant keys are a, b, c, d in the order shown.
    variants: variants.length > 0 ? variants.map((x, i) => ({ key: String.fromCharCode(97 + i), name: x.name.trim(), share: x.share, ...(blank(x.templateZh) ? { template: { zh: (x.templateZh as string).trim() } } : {}) })) : undefined,
  };
}

function toUpdate(body: CreateCampaignBody): UpdateCampaignBody {
  return { ...body, goal: body.goal ?? null, endsAt: body.endsAt ?? null, budget: body.budget ?? null, senderName: body.senderName ?? null, variants: body.variants ?? null };
}

/** The quote a customer would see for the sample deal under the chosen product (and promotion). */
function SampleQuote({ productCode, promotionId, price, down, term, onOffer }: { productCode?: string; promotionId?: string; price: string; down: string; term: number; onOffer: (offer: QuoteOffer | null) => void }) {
  const m = useModuleMessages(campaignsMessages);
  const { locale } = useLocale();
  const errorMessage = useErrorMessage();
  const [offer, setOffer] = useState<QuoteOffer | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    postQuote(
      { vehicle: { category: 'new-nev', price }, downPayment: down, terms: [term], productCode: productCode || undefined, customer: { riskTier: 'B' } },
      controller.signal,
    ).then(
      (q) => {
        // With a promotion chosen, show the offer that carries it; otherwise the cheapest.
        const chosen = (promotionId ? q.offers.find((o) => o.promotion?.id === promotionId) : undefined) ?? q.offers[0] ?? null;
        setOffer(chosen);
        onOffer(chosen);
        setError(null);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [productCode, promotionId, price, down, term, onOffer]);

  return (
    <Card size="small" title={m.editor.sampleQuote} data-testid="campaign-sample-quote">
      <Typography.Text type="secondary">{fill(m.editor.sampleDeal, { price: formatMoney(price, { symbol: false }), down: formatMoney(down, { symbol: false }), term })}</Typography.Text>
      {error ? <Alert type="error" showIcon message={errorMessage(error)} /> : null}
      {offer === null ? <Alert type="warning" showIcon message={m.editor.noOffer} /> : null}
      {offer ? (
        <Descriptions size="small" column={2} style={{ marginTop: 8 }}>
          <Descriptions.Item label={m.editor.product} span={2}>
            {locale === 'en-US' ? offer.productName.en : offer.productName.zh}
            {offer.promotion ? ` · ${locale === 'en-US' ? offer.promotion.name.en : offer.promotion.name.zh}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={m.editor.monthly}>
            <span data-testid="sample-monthly">{formatMoney(offer.monthlyPayment)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={m.editor.apr}>
            <span data-testid="sample-apr">{offer.aprSimple.toFixed(2)}%</span>
          </Descriptions.Item>
          <Descriptions.Item label={m.editor.customerRate}>{offer.customerRate}%</Descriptions.Item>
        </Descriptions>
      ) : null}
    </Card>
  );
}

function loadPickers(signal: AbortSignal) {
  return Promise.all([fetchSegments(signal), fetchProductList(signal), fetchPromotions(signal)]).then(([s, p, pr]) => ({ segments: s.items, products: p.items, promotions: pr.items }));
}

/** Create or edit a campaign draft (marketing only; the server refuses anything else). */
export function CampaignEditor({ campaign, onClose, onSaved }: { campaign: Campaign | null; onClose: () => void; onSaved: (id: string) => void }) {
  const m = useModuleMessages(campaignsMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<FormValues>();
  const [pickers] = useLoad(loadPickers);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sampleOffer, setSampleOffer] = useState<QuoteOffer | null>(null);
  const senderName = Form.useWatch('senderName', form);
  const templateEn = Form.useWatch('templateEn', form);

  const segmentId = Form.useWatch('segmentId', form);
  const productCode = Form.useWatch('productCode', form);
  const promotionId = Form.useWatch('promotionId', form);
  const channel = Form.useWatch('channel', form);
  const samplePrice = Form.useWatch('samplePrice', form) ?? SAMPLE.price;
  const sampleDown = Form.useWatch('sampleDown', form) ?? SAMPLE.down;
  const sampleTerm = Form.useWatch('sampleTerm', form);
  const samplePriceValid = /^\d{4,8}(\.\d{1,2})?$/.test(samplePrice);
  const sampleDownValid = /^\d{1,8}(\.\d{1,2})?$/.test(sampleDown);
  const scheduleType = Form.useWatch('scheduleType', form);
  const templateZh = Form.useWatch('templateZh', form) ?? '';
  const variants = Form.useWatch('variants', form) ?? [];
  const shareSum = variants.reduce((s, v) => s + (Number(v?.share) || 0), 0);

  const segments: Segment[] = pickers.data?.segments ?? [];
  const segment = segments.find((s) => s.id === segmentId);
  const livePromotions: Promotion[] = useMemo(() => (pickers.data?.promotions ?? []).filter((p) => p.live), [pickers.data]);

  const initial: Partial<FormValues> = campaign ? fromCampaign(campaign) : { channel: 'sms', scheduleType: 'now', holdoutPercent: 10, variants: [], samplePrice: SAMPLE.price, sampleDown: SAMPLE.down, sampleTerm: SAMPLE.term };

  const save = async (values: FormValues) => {
    const shares = (values.variants ?? []).reduce((sum, v) => sum + (Number(v.share) || 0), 0);
    if ((values.variants ?? []).length === 1) {
      setError(new Error(m.editor.variantTwo));
      return;
    }
    if ((values.variants ?? []).length > 0 && shares !== 100) {
      setError(new Error(fill(m.editor.variantSum, { sum: shares })));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const body = toBody(values);
      const id = campaign ? (await updateCampaign(campaign.id, toUpdate(body))).id : (await createCampaign(body)).id;
      void message.success(m.editor.saved);
      onSaved(id);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      width={1040}
      title={campaign ? m.editor.editTitle : m.editor.createTitle}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="campaign-save">
          {m.editor.save}
        </Button>
      }
    >
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="campaign-form" scrollToFirstError>
        {error ? <Alert type="error" showIcon message={errorMessage(error)} style={{ marginBottom: 12 }} data-testid="campaign-error" /> : null}
        <Row gutter={24}>
          <Col xs={24} lg={14}>
            <Divider orientation="left">{m.editor.basics}</Divider>
            <Form.Item name="name" label={m.editor.name} rules={[{ required: true, min: 2, max: 120, message: m.editor.required }]}>
              <Input data-testid="campaign-name" maxLength={120} />
            </Form.Item>
            <Form.Item name="goal" label={m.editor.goal}>
              <Input.TextArea rows={2} placeholder={m.editor.goalPlaceholder} data-testid="campaign-goal" maxLength={500} />
            </Form.Item>

            <Divider orientation="left">{m.editor.audience}</Divider>
            <Form.Item
              name="segmentId"
              label={m.editor.segment}
              rules={[{ required: true, message: m.editor.required }]}
              extra={segment ? <span data-testid="campaign-segment-count">{fill(m.editor.segmentCount, { count: segment.count.toLocaleString(locale) })}</span> : undefined}
            >
              <Select
                showSearch
                optionFilterProp="label"
                loading={pickers.status === 'loading'}
                data-testid="campaign-segment"
                options={segments.map((s) => ({ value: s.id, label: `${locale === 'en-US' ? (s.nameEn ?? s.name) : s.name} (${s.count.toLocaleString(locale)})` }))}
              />
            </Form.Item>

            <Divider orientation="left">{m.editor.offer}</Divider>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="productCode" label={m.editor.product}>
                  <Select
                    allowClear
                    placeholder={m.editor.productNone}
                    data-testid="campaign-product"
                    showSearch
                    optionFilterProp="label"
                    options={(pickers.data?.products ?? []).filter((p) => p.sellable).map((p) => ({ value: p.code, label: `${p.code} · ${locale === 'en-US' ? p.name.en : p.name.zh}` }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="promotionId" label={m.editor.promotion} extra={m.editor.promotionHint}>
                  <Select
                    allowClear
                    placeholder={m.editor.promotionNone}
                    data-testid="campaign-promotion"
                    options={livePromotions.map((p) => ({ value: p.id, label: `${p.definition.code} · ${locale === 'en-US' ? p.definition.name.en : p.definition.name.zh}` }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="samplePrice" label={m.editor.samplePrice} rules={[{ required: true, pattern: /^\d{4,8}(\.\d{1,2})?$/, message: m.editor.required }]}>
                  <Input prefix="¥" data-testid="campaign-sample-price" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="sampleDown" label={m.editor.sampleDown} rules={[{ required: true, pattern: /^\d{1,8}(\.\d{1,2})?$/, message: m.editor.required }]}>
                  <Input prefix="¥" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="sampleTerm" label={m.editor.sampleTerm} rules={[{ required: true }]}>
                  <Select options={[12, 24, 36, 48, 60].map((t) => ({ value: t, label: t }))} />
                </Form.Item>
              </Col>
            </Row>
            <SampleQuote productCode={productCode} promotionId={promotionId} price={samplePriceValid ? samplePrice : SAMPLE.price} down={sampleDownValid ? sampleDown : SAMPLE.down} term={sampleTerm ?? SAMPLE.term} onOffer={setSampleOffer} />

            <Divider orientation="left">{m.editor.channelContent}</Divider>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="channel" label={m.editor.channel} rules={[{ required: true }]}>
                  <Select data-testid="campaign-channel" options={CHANNELS.map((c) => ({ value: c, label: m.channel[c] }))} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="senderName" label={m.editor.sender} extra={m.editor.senderHint} rules={[{ min: 2, max: 16 }]}>
                  <Input placeholder={m.editor.senderPlaceholder} data-testid="campaign-sender" maxLength={16} />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12.5, marginBottom: 4 }}>
              {m.editor.tokens}
            </Typography.Paragraph>
            <div className="campaign-tokens" data-testid="campaign-tokens">
              {Object.entries(TEMPLATE_TOKENS).map(([token, info]) => (
                <Typography.Text key={token} code title={locale === 'en-US' ? info.en : info.zh}>
                  {`{{${token}}}`} {locale === 'en-US' ? info.en : info.zh}
                </Typography.Text>
              ))}
            </div>
            <Form.Item
              name="templateZh"
              label={m.editor.templateZh}
              rules={[{ required: true, message: m.editor.required }]}
              extra={
                <Space direction="vertical" size={0}>
                  {channel === 'sms' ? (
                    <span className="campaign-optout" data-testid="campaign-optout">
                      {m.editor.optOut} <Typography.Text code>{m.editor.optOutText}</Typography.Text>
                    </span>
                  ) : null}
                </Space>
              }
            >
              <Input.TextArea rows={3} data-testid="campaign-template-zh" maxLength={1000} />
            </Form.Item>
            <Form.Item name="templateEn" label={m.editor.templateEn}>
              <Input.TextArea rows={2} data-testid="campaign-template-en" maxLength={1000} />
            </Form.Item>
            <SamplePreview
              zh={templateZh}
              en={templateEn}
              channel={channel}
              senderName={senderName}
              hasOffer={Boolean(productCode || promotionId)}
              offer={sampleOffer}
            />
          </Col>

          <Col xs={24} lg={10}>
            <Divider orientation="left">{m.editor.schedule}</Divider>
            <Form.Item name="scheduleType" label={m.editor.scheduleType}>
              <Radio.Group data-testid="campaign-schedule">
                <Radio value="now">{m.editor.scheduleNow}</Radio>
                <Radio value="at">{m.editor.scheduleAt}</Radio>
              </Radio.Group>
            </Form.Item>
            {scheduleType === 'at' ? (
              <Form.Item name="at" label={m.editor.at} rules={[{ required: true, message: m.editor.required }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
              </Form.Item>
            ) : null}
            <Form.Item name="endsAt" label={m.editor.endsAt}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="campaign-ends" />
            </Form.Item>
            <Form.Item name="budget" label={m.editor.budget} extra={m.editor.budgetHint} rules={[{ pattern: /^\d{1,10}(\.\d{1,2})?$/, message: m.editor.budget }]}>
              <Input prefix="¥" data-testid="campaign-budget" />
            </Form.Item>

            <Divider orientation="left">{m.editor.experiment}</Divider>
            <Form.Item name="holdoutPercent" label={m.editor.holdout} extra={m.editor.holdoutHint} rules={[{ required: true }]}>
              <InputNumber min={0} max={50} step={1} precision={0} addonAfter="%" style={{ width: 160 }} data-testid="campaign-holdout" />
            </Form.Item>
            <Typography.Text strong>{m.editor.variants}</Typography.Text>
            <Form.List name="variants">
              {(fields, { add, remove }) => (
                <div style={{ marginTop: 8 }}>
                  {fields.map((field, i) => (
                    <Card key={field.key} size="small" style={{ marginBottom: 8 }} title={String.fromCharCode(97 + i).toUpperCase()} extra={<Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />}>
                      <Row gutter={8}>
                        <Col span={14}>
                          <Form.Item name={[field.name, 'name']} label={m.editor.variantName} rules={[{ required: true, message: m.editor.required }]}>
                            <Input maxLength={60} />
                          </Form.Item>
                        </Col>
                        <Col span={10}>
                          <Form.Item name={[field.name, 'share']} label={m.editor.variantShare} rules={[{ required: true, message: m.editor.required }]}>
                            <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Form.Item name={[field.name, 'templateZh']} label={m.editor.variantTemplate} style={{ marginBottom: 0 }}>
                        <Input.TextArea rows={2} maxLength={1000} />
                      </Form.Item>
                    </Card>
                  ))}
                  {fields.length > 0 ? (
                    <Typography.Paragraph type={shareSum === 100 ? 'success' : 'danger'} data-testid="campaign-variant-sum">
                      {shareSum === 100 ? m.editor.variantOk : fill(m.editor.variantSum, { sum: shareSum })}
                    </Typography.Paragraph>
                  ) : null}
                  {fields.length < MAX_VARIANTS ? (
                    <Button icon={<PlusOutlined />} onClick={() => add({ name: '', share: fields.length === 0 ? 100 : 0 })} data-testid="campaign-variant-add">
                      {m.editor.variantAdd}
                    </Button>
                  ) : null}
                </div>
              )}
            </Form.List>

            <Divider orientation="left">{m.editor.preview}</Divider>
            {campaign ? <TemplatePreview campaignId={campaign.id} /> : <Alert type="info" showIcon message={m.editor.previewSave} />}
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
