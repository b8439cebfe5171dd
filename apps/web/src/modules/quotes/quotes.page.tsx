import { useCallback, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, Row, Segmented, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { CalculatorOutlined, CrownOutlined, FallOutlined, FileSearchOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { IneligibleOffer, QuoteOffer, QuoteVehicleCategory, QuotesRequest, QuotesResponse, RiskTier } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { StatCard } from '../../ui/stat-card.tsx';
import { Chart } from '../../ui/chart.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { formatMoney } from '../../ui/format.ts';
import { useLocale, label } from '../../i18n/locale-provider.tsx';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { quotesMessages } from './quotes.i18n.ts';
import { fetchProductList, postQuote } from './quotes.api.ts';
import { OfferDetail } from './offer-detail.tsx';
import { balanceOption, comparisonOption, compositionOption } from './quotes.charts.ts';
import { bi, compareAmounts, formatApr, MONEY_INPUT, normaliseAmount, percentOfAmount } from './money.ts';
import { riskTierList, vehicleCategoryList } from './enums.ts';
import './quotes.css';

const TERM_CHOICES = [12, 18, 24, 36, 48, 60];

interface QuoteFormValues {
  category: QuoteVehicleCategory;
  make?: string;
  model?: string;
  price?: string;
  listPrice?: string;
  ageMonths?: number;
  mileageKm?: number;
  downPaymentMode: 'amount' | 'percent';
  downPaymentAmount?: string;
  downPaymentPercent?: string;
  tradeIn: boolean;
  appraisedValue?: string;
  outstandingLoan?: string;
  terms: number[];
  productCode?: string;
  riskTier: RiskTier;
  cityTier: number;
}

const initialValues: QuoteFormValues = {
  category: 'new-nev',
  downPaymentMode: 'percent',
  downPaymentPercent: '20',
  tradeIn: false,
  terms: [24, 36],
  riskTier: 'B',
  cityTier: 2,
};

/** Builds the request from the form; money goes from the input text to the request without a float. */
function toRequest(values: QuoteFormValues): QuotesRequest {
  const price = normaliseAmount(values.price) ?? '0.00';
  const downPayment =
    values.downPaymentMode === 'percent'
      ? (percentOfAmount(price, values.downPaymentPercent ?? '0') ?? '0.00')
      : (normaliseAmount(values.downPaymentAmount) ?? '0.00');
  const used = values.category === 'used';
  return {
    vehicle: {
      category: values.category,
      make: values.make?.trim() || undefined,
      model: values.model?.trim() || undefined,
      price,
      listPrice: used ? (normaliseAmount(values.listPrice) ?? undefined) : undefined,
      ageMonths: used ? values.ageMonths : undefined,
      mileageKm: used ? values.mileageKm : undefined,
    },
    downPayment,
    tradeIn: values.tradeIn
      ? { appraisedValue: normaliseAmount(values.appraisedValue) ?? '0.00', outstandingLoan: normaliseAmount(values.outstandingLoan) ?? '0.00' }
      : undefined,
    terms: values.terms.length > 0 ? values.terms : undefined,
    productCode: values.productCode || undefined,
    customer: { riskTier: values.riskTier, cityTier: values.cityTier },
  };
}

function MoneyInput(props: { value?: string; onChange?: (value: string) => void; testId?: string; placeholder?: string }) {
  return (
    <InputNumber<string>
      stringMode
      min="0"
      step="1000"
      precision={2}
      controls={false}
      prefix="¥"
      style={{ width: '100%' }}
      value={props.value}
      placeholder={props.placeholder}
      onChange={(v) => props.onChange?.(v ?? '')}
      formatter={(v) => (v ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '')}
      parser={(v) => (v ?? '').replace(/[,¥\s]/g, '')}
      data-testid={props.testId}
    />
  );
}

export function QuotesPage() {
  const { t } = useTranslation('quotes');
  const { locale } = useLocale();
  const m = useModuleMessages(quotesMessages);
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<QuoteFormValues>();
  const [result, setResult] = useState<QuotesResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [focusId, setFocusId] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const [products] = useLoad(fetchProductList);

  const category = Form.useWatch('category', form);
  const mode = Form.useWatch('downPaymentMode', form);
  const tradeIn = Form.useWatch('tradeIn', form);
  const price = Form.useWatch('price', form);
  const percent = Form.useWatch('downPaymentPercent', form);

  const submit = useCallback(
    async (values: QuoteFormValues) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setBusy(true);
      setError(null);
      try {
        const response = await postQuote(toRequest(values), current.signal);
        setResult(response);
        setExpanded([]);
        setFocusId(response.lowestTotalCost?.offerId ?? response.offers[0]?.offerId ?? null);
      } catch (e) {
        if (!(e instanceof DOMException && e.name === 'AbortError')) {
          setError(e);
          setResult(null);
        }
      } finally {
        if (controller.current === current) setBusy(false);
      }
    },
    [],
  );

  const offers = useMemo(() => {
    if (!result) return [];
    // The server sorts by total cost already; sorting again keeps the table honest if it ever did not.
    return [...result.offers].sort((a, b) => compareAmounts(a.totalCost, b.totalCost) || compareAmounts(a.monthlyPayment, b.monthlyPayment));
  }, [result]);
  const focus = offers.find((o) => o.offerId === focusId) ?? offers[0] ?? null;
  const offerName = useCallback((o: QuoteOffer) => `${bi(o.productName, locale)} · ${o.term}`, [locale]);

  const charts = useMemo(
    () =>
      focus
        ? {
            composition: compositionOption(focus, m.charts),
            balance: balanceOption(focus, m.charts),
            comparison: comparisonOption(offers, offers.map(offerName), m.charts),
          }
        : null,
    [focus, offers, offerName, m],
  );

  const lowestMonthly = result?.lowestMonthlyPayment ? offers.find((o) => o.offerId === result.lowestMonthlyPayment?.offerId) : undefined;
  const lowestTotal = result?.lowestTotalCost ? offers.find((o) => o.offerId === result.lowestTotalCost?.offerId) : undefined;
  const productOptions = (products.data?.items ?? []).filter((p) => p.publishedVersion !== null).map((p) => ({ value: p.code, label: `${bi(p.name, locale)} (${p.code})` }));
  const downPaymentPreview = mode === 'percent' && price && percent ? percentOfAmount(String(price), String(percent)) : null;

  return (
    <Page testId="quotes-page" title={m.title} subtitle={m.subtitle}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xl={6}>
          <Card variant="borderless" className="quote-form-card">
            <Form<QuoteFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)} requiredMark={false} data-testid="quote-form">
              <div className="form-section">{m.form.vehicle}</div>
              <Form.Item name="category" label={m.form.category}>
                <Select data-testid="quote-category" options={vehicleCategoryList.map((c) => ({ value: c, label: m.categories[c] }))} />
              </Form.Item>
              <Row gutter={8}>
                <Col span={12}>
                  <Form.Item name="make" label={m.form.make}>
                    <Input placeholder={m.form.makePlaceholder} maxLength={50} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="model" label={m.form.model}>
                    <Input placeholder={m.form.modelPlaceholder} maxLength={80} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="price"
                label={m.form.price}
                rules={[
                  { required: true, message: m.form.required },
                  {
                    validator: (_, value: string | undefined) => {
                      if (!value) return Promise.resolve();
                      const amount = normaliseAmount(String(value));
                      if (!amount) return Promise.reject(new Error(m.form.notMoney));
                      return Promise.resolve();
                    },
                  },
                ]}
              >
                <MoneyInput testId="quote-price" placeholder="200,000.00" />
              </Form.Item>
              {category === 'used' ? (
                <>
                  <Form.Item name="listPrice" label={m.form.listPrice}>
                    <MoneyInput />
                  </Form.Item>
                  <Row gutter={8}>
                    <Col span={12}>
                      <Form.Item name="ageMonths" label={m.form.ageMonths} rules={[{ required: true, message: m.form.required }]}>
                        <InputNumber min={0} max={600} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="mileageKm" label={m.form.mileageKm}>
                        <InputNumber min={0} max={2_000_000} precision={0} step={1000} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                </>
              ) : null}

              <div className="form-section">{m.form.downPayment}</div>
              <Form.Item name="downPaymentMode" noStyle>
                <Segmented
                  block
                  size="small"
                  className="form-segmented"
                  options={[
                    { value: 'percent', label: m.form.byPercent },
                    { value: 'amount', label: m.form.byAmount },
                  ]}
                />
              </Form.Item>
              {mode === 'amount' ? (
                <Form.Item
                  name="downPaymentAmount"
                  label={m.form.downPaymentAmount}
                  rules={[{ required: true, message: m.form.required }, { pattern: MONEY_INPUT, message: m.form.notMoney }]}
                >
                  <MoneyInput testId="quote-down-amount" />
                </Form.Item>
              ) : (
                <Form.Item
                  name="downPaymentPercent"
                  label={m.form.downPaymentPercent}
                  extra={downPaymentPreview ? t('form.equals', { amount: formatMoney(downPaymentPreview) }) : undefined}
                  rules={[
                    { required: true, message: m.form.required },
                    {
                      validator: (_, value: string | undefined) =>
                        value === undefined || value === '' || (Number(value) >= 0 && Number(value) <= 100) ? Promise.resolve() : Promise.reject(new Error(m.form.percentRange)),
                    },
                  ]}
                >
                  <InputNumber<string> stringMode min="0" max="100" step="5" precision={2} suffix="%" style={{ width: '100%' }} data-testid="quote-down-percent" />
                </Form.Item>
              )}
              <Form.Item name="tradeIn" valuePropName="checked" label={m.form.tradeIn} className="form-inline-switch">
                <Switch size="small" />
              </Form.Item>
              {tradeIn ? (
                <Row gutter={8}>
                  <Col span={12}>
                    <Form.Item name="appraisedValue" label={m.form.appraisedValue} rules={[{ required: true, message: m.form.required }]}>
                      <MoneyInput />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name="outstandingLoan" label={m.form.outstandingLoan}>
                      <MoneyInput />
                    </Form.Item>
                  </Col>
                </Row>
              ) : null}

              <div className="form-section">{m.form.terms}</div>
              <Form.Item name="terms" extra={m.form.allTerms}>
                <Checkbox.Group className="term-choices" options={TERM_CHOICES.map((n) => ({ value: n, label: String(n) }))} />
              </Form.Item>
              <Form.Item name="productCode" label={m.form.product}>
                <Select allowClear placeholder={m.form.anyProduct} options={productOptions} loading={products.status === 'loading'} showSearch optionFilterProp="label" />
              </Form.Item>

              <div className="form-section">{m.form.customer}</div>
              <Row gutter={8}>
                <Col span={12}>
                  <Form.Item name="riskTier" label={m.form.riskTier}>
                    <Select options={riskTierList.map((tier) => ({ value: tier, label: m.tiers[tier] }))} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="cityTier" label={m.form.cityTier}>
                    <Select options={[1, 2, 3, 4].map((n) => ({ value: n, label: label(m.cityTiers, String(n)) }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Space className="form-actions">
                <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy} data-testid="quote-submit">
                  {m.form.submit}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    setResult(null);
                    setError(null);
                  }}
                >
                  {m.form.reset}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>

        <Col xs={24} lg={16} xl={18}>
          {error ? <Alert type="error" showIcon className="page__alert" message={errorMessage(error)} data-testid="quote-error" /> : null}
          {!result ? (
            <Card variant="borderless" className="quote-empty">
              <Empty image={<CalculatorOutlined className="quote-empty__icon" />} description={<span>{m.empty}<br /><Typography.Text type="secondary">{m.emptyHint}</Typography.Text></span>} />
            </Card>
          ) : (
            <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="quote-result">
              <Row gutter={[16, 16]}>
                <Col xs={24} md={12} xxl={6}>
                  <StatCard
                    testId="quote-lowest-monthly"
                    label={m.summary.lowestMonthly}
                    value={lowestMonthly ? formatMoney(lowestMonthly.monthlyPayment) : '–'}
                    note={lowestMonthly ? `${offerName(lowestMonthly)} · ${m.table.aprShort} ${formatApr(lowestMonthly.aprSimple)}` : undefined}
                    icon={<FallOutlined />}
                    tone="blue"
                  />
                </Col>
                <Col xs={24} md={12} xxl={6}>
                  <StatCard
                    testId="quote-lowest-total"
                    label={m.summary.lowestTotal}
                    value={lowestTotal ? formatMoney(lowestTotal.totalCost) : '–'}
                    note={lowestTotal ? `${offerName(lowestTotal)} · ${m.table.aprShort} ${formatApr(lowestTotal.aprSimple)}` : undefined}
                    icon={<CrownOutlined />}
                    tone="green"
                  />
                </Col>
                <Col xs={24} md={12} xxl={6}>
                  <StatCard
                    testId="quote-offer-count"
                    label={m.summary.offers}
                    value={String(offers.length)}
                    note={t('summary.offersNote', { count: result.ineligible.length })}
                    icon={<FileSearchOutlined />}
                    tone="purple"
                  />
                </Col>
                <Col xs={24} md={12} xxl={6}>
                  <StatCard
                    label={m.summary.assumptions}
                    value={<span className="quote-assumption">{t('summary.tier', { tier: result.assumptions.riskTier, source: m.summary.tierSource[result.assumptions.riskTierSource] })}</span>}
                    note={
                      <>
                        {t('summary.vehicleValue', { value: formatMoney(result.assumptions.vehicleValue) })}
                        {result.assumptions.valuation ? (
                          <>
                            <br />
                            {t('summary.valuation', { percent: result.assumptions.valuation.percentOfList, model: result.assumptions.valuation.modelVersion })}
                          </>
                        ) : null}
                        <br />
                        {t('summary.versions', { grid: result.versions.grid.id, version: result.versions.grid.version, rulebook: result.versions.rulebook })}
                      </>
                    }
                    icon={<SafetyCertificateOutlined />}
                    tone="slate"
                  />
                </Col>
              </Row>

              <Card variant="borderless" className="table-card" title={m.table.title}>
                <OfferTable
                  quoteId={result.quoteId}
                  offers={offers}
                  lowestMonthlyId={result.lowestMonthlyPayment?.offerId ?? null}
                  lowestTotalId={result.lowestTotalCost?.offerId ?? null}
                  expanded={expanded}
                  onExpand={(keys, opened) => {
                    setExpanded(keys);
                    if (opened) setFocusId(opened);
                  }}
                  focusId={focus?.offerId ?? null}
                  onFocus={setFocusId}
                />
              </Card>

              {charts && focus ? (
                <Row gutter={[16, 16]}>
                  <Col xs={24}>
                    <Chart testId="chart-comparison" title={m.charts.comparison} option={charts.comparison} height={300} />
                  </Col>
                  <Col xs={24} xxl={14}>
                    <Chart
                      testId="chart-composition"
                      title={m.charts.composition}
                      extra={<Typography.Text type="secondary" className="chart-card__extra">{t('charts.of', { offer: offerName(focus) })}</Typography.Text>}
                      option={charts.composition}
                      height={300}
                    />
                  </Col>
                  <Col xs={24} xxl={10}>
                    <Chart
                      testId="chart-balance"
                      title={m.charts.balance}
                      extra={<Typography.Text type="secondary" className="chart-card__extra">{t('charts.of', { offer: offerName(focus) })}</Typography.Text>}
                      option={charts.balance}
                      height={300}
                    />
                  </Col>
                </Row>
              ) : null}

              {result.ineligible.length > 0 ? <IneligibleTable items={result.ineligible} /> : null}
            </Space>
          )}
        </Col>
      </Row>
    </Page>
  );
}

function OfferTable({
  quoteId,
  offers,
  lowestMonthlyId,
  lowestTotalId,
  expanded,
  onExpand,
  focusId,
  onFocus,
}: {
  quoteId: string;
  offers: QuoteOffer[];
  lowestMonthlyId: string | null;
  lowestTotalId: string | null;
  expanded: string[];
  onExpand: (keys: string[], opened: string | null) => void;
  focusId: string | null;
  onFocus: (id: string) => void;
}) {
  const { t } = useTranslation('quotes');
  const { locale } = useLocale();
  const m = useModuleMessages(quotesMessages);
  return (
    <Table<QuoteOffer>
      rowKey="offerId"
      dataSource={offers}
      pagination={false}
      size="middle"
      data-testid="offers-table"
      scroll={{ x: 860 }}
      rowClassName={(o) => (o.offerId === focusId ? 'offer-row offer-row--focus' : 'offer-row')}
      onRow={(o) => ({ onClick: () => onFocus(o.offerId) })}
      expandable={{
        expandedRowKeys: expanded,
        onExpandedRowsChange: (keys) => {
          const next = keys.map(String);
          onExpand(next, next.find((k) => !expanded.includes(k)) ?? null);
        },
        expandedRowRender: (o) => <OfferDetail quoteId={quoteId} offer={o} />,
      }}
      columns={[
        {
          title: m.table.product,
          key: 'product',
          width: 230,
          render: (_: unknown, o) => (
            <div className="offer-product">
              <span className="offer-product__name">{bi(o.productName, locale)}</span>
              <span className="offer-product__meta">
                <span className="code-tag">{o.productCode}</span> v{o.productVersion} · {label(m.types, o.productType)}
              </span>
              <span className="offer-product__badges">
                {o.offerId === lowestTotalId ? (
                  <Tag color="green" bordered={false} data-testid="badge-lowest-total" icon={<CrownOutlined />}>
                    {m.table.lowestTotal}
                  </Tag>
                ) : null}
                {o.offerId === lowestMonthlyId ? (
                  <Tag color="blue" bordered={false} data-testid="badge-lowest-monthly" icon={<FallOutlined />}>
                    {m.table.lowestMonthly}
                  </Tag>
                ) : null}
                {o.promotion ? (
                  <Tag color="magenta" bordered={false}>
                    {bi(o.promotion.name, locale)}
                  </Tag>
                ) : null}
              </span>
            </div>
          ),
        },
        {
          title: `${m.table.term} · ${m.table.method}`,
          key: 'term',
          width: 120,
          render: (_: unknown, o) => (
            <div className="cell-stack">
              <span>{t('table.termMonths', { term: o.term })}</span>
              <span className="cell-stack__sub">{label(m.methods, o.method)}</span>
            </div>
          ),
        },
        {
          title: (
            <Tooltip title={m.detail.aprSimple}>
              <span>{m.table.apr}</span>
            </Tooltip>
          ),
          key: 'apr',
          align: 'right',
          width: 130,
          render: (_: unknown, o) => (
            <span className="figure figure--apr" data-testid="offer-apr" data-apr={o.aprSimple}>
              {formatApr(o.aprSimple)}
            </span>
          ),
        },
        {
          title: m.table.monthly,
          dataIndex: 'monthlyPayment',
          align: 'right',
          width: 130,
          render: (v: string) => (
            <span className="figure" data-testid="offer-monthly">
              {formatMoney(v)}
            </span>
          ),
        },
        {
          title: `${m.table.totalInterest} / ${m.table.totalFees}`,
          key: 'interest',
          align: 'right',
          width: 130,
          render: (_: unknown, o) => (
            <div className="cell-stack cell-stack--right mono-num">
              <span>{formatMoney(o.totalInterest)}</span>
              <span className="cell-stack__sub">{formatMoney(o.totalFees)}</span>
            </div>
          ),
        },
        {
          title: m.table.totalCost,
          dataIndex: 'totalCost',
          align: 'right',
          width: 130,
          render: (v: string) => (
            <b className="mono-num" data-testid="offer-total-cost">
              {formatMoney(v)}
            </b>
          ),
        },
      ]}
    />
  );
}

function IneligibleTable({ items }: { items: IneligibleOffer[] }) {
  const { t } = useTranslation('quotes');
  const { locale } = useLocale();
  const m = useModuleMessages(quotesMessages);
  return (
    <Card variant="borderless" className="table-card" title={m.ineligible.title}>
      <Table<IneligibleOffer>
        size="small"
        rowKey={(i) => `${i.productCode}-${i.term ?? 'all'}`}
        dataSource={items}
        pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
        data-testid="ineligible-table"
        columns={[
          {
            title: m.ineligible.product,
            key: 'product',
            width: 260,
            render: (_: unknown, i) => (
              <span>
                {bi(i.productName, locale)} <span className="code-tag">{i.productCode}</span>
              </span>
            ),
          },
          { title: m.ineligible.term, dataIndex: 'term', width: 100, render: (v: number | null) => (v === null ? m.ineligible.wholeProduct : t('table.termMonths', { term: v })) },
          {
            title: m.ineligible.reasons,
            key: 'reasons',
            render: (_: unknown, i) => (
              <ul className="reason-list">
                {i.reasons.map((r) => (
                  <li key={`${r.code}-${r.field}`}>
                    <Tag bordered={false} color="default" className="mono">
                      {r.code}
                    </Tag>
                    {r.message}
                    {r.field ? <Typography.Text type="secondary"> · {r.field}</Typography.Text> : null}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </Card>
  );
}
