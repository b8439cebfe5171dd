import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, DatePicker, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Promotion, PromotionDefinitionInput, PromotionKind, QuoteVehicleCategory, SubsidyPayer } from '@autofin/contracts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { quotesMessages } from '../quotes/quotes.i18n.ts';
import { fetchProductList } from '../quotes/quotes.api.ts';
import { bi, MONEY_INPUT, normaliseAmount } from '../quotes/money.ts';
import { promotionKindList, subsidyPayerList, vehicleCategoryList } from '../quotes/enums.ts';
import { promotionsMessages } from './promotions.i18n.ts';
import { createPromotion, updatePromotion } from './promotions.api.ts';

const CODE = /^[A-Z][A-Z0-9_-]{1,39}$/;
const PERCENT = /^\d{1,3}(\.\d{1,6})?$/;
const TERMS = [6, 12, 18, 24, 36, 48, 60];

interface FormValues {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: PromotionKind;
  payer: SubsidyPayer;
  rateReductionPercent?: string;
  waivedFeeCodes: string[];
  freeMonths?: number;
  productCodes: string[];
  vehicleCategories: QuoteVehicleCategory[];
  makes: string[];
  dealerIds: string[];
  regions: string[];
  segments: string[];
  terms: number[];
  period: [Dayjs, Dayjs];
  budget: string;
}

function fromPromotion(p: Promotion): FormValues {
  const d = p.definition;
  return {
    code: d.code,
    nameZh: d.name.zh,
    nameEn: d.name.en,
    kind: d.kind,
    payer: d.payer,
    rateReductionPercent: d.rateReductionPercent,
    waivedFeeCodes: d.waivedFeeCodes,
    freeMonths: d.freeMonths,
    ...d.target,
    period: [dayjs(d.startsOn), dayjs(d.endsOn)],
    budget: d.budget,
  };
}

function toDefinition(v: FormValues): PromotionDefinitionInput {
  return {
    code: v.code,
    name: { zh: v.nameZh.trim(), en: v.nameEn.trim() },
    kind: v.kind,
    payer: v.payer,
    rateReductionPercent: v.kind === 'reduced-rate' ? v.rateReductionPercent : undefined,
    waivedFeeCodes: v.kind === 'waived-fees' ? (v.waivedFeeCodes ?? []) : [],
    freeMonths: v.kind === 'free-months' ? v.freeMonths : undefined,
    target: {
      productCodes: v.productCodes ?? [],
      vehicleCategories: v.vehicleCategories ?? [],
      makes: v.makes ?? [],
      dealerIds: v.dealerIds ?? [],
      regions: v.regions ?? [],
      segments: v.segments ?? [],
      terms: v.terms ?? [],
    },
    startsOn: v.period[0].format('YYYY-MM-DD'),
    endsOn: v.period[1].format('YYYY-MM-DD'),
    budget: normaliseAmount(v.budget) ?? v.budget,
  };
}

const blank: Partial<FormValues> = {
  kind: 'zero-rate',
  payer: 'oem',
  waivedFeeCodes: [],
  productCodes: [],
  vehicleCategories: [],
  makes: [],
  dealerIds: [],
  regions: [],
  segments: [],
  terms: [],
  period: [dayjs(), dayjs().add(3, 'month')],
};

/** Create a promotion or edit its draft. `editing` null with `open` creates one. */
export function PromotionForm({ open, editing, onClose, onSaved }: { open: boolean; editing: Promotion | null; onClose: () => void; onSaved: (p: Promotion) => void }) {
  const { t } = useTranslation('promotions');
  const m = useModuleMessages(promotionsMessages);
  const q = useModuleMessages(quotesMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [products] = useLoad(fetchProductList);
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(editing ? fromPromotion(editing) : blank);
    setError(null);
  }, [open, editing, form]);

  async function save(values: FormValues) {
    setBusy(true);
    setError(null);
    try {
      const definition = toDefinition(values);
      const saved = editing ? await updatePromotion(editing.id, definition) : await createPromotion(definition);
      void message.success(t('form.saved', { code: saved.definition.code }));
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const req = { required: true, message: m.form.required };
  const tags = (testId?: string) => <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} data-testid={testId} />;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={820}
      destroyOnHidden
      title={editing ? t('form.editTitle', { code: editing.definition.code }) : m.form.createTitle}
      data-testid="promotion-form"
      extra={
        <Space>
          <Button onClick={onClose}>{m.form.cancel}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="promotion-save">
            {m.form.save}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon className="page__alert" message={errorMessage(error)} data-testid="promotion-form-error" /> : null}
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark="optional" className="product-form">
        <div className="form-section">{m.form.basics}</div>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="code" label={m.form.code} tooltip={m.form.codeHelp} rules={[req, { pattern: CODE, message: m.form.invalidCode }]}>
              <Input className="mono" disabled={!!editing} data-testid="promotion-code" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="nameZh" label={m.form.nameZh} rules={[req]}>
              <Input maxLength={100} data-testid="promotion-name-zh" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="nameEn" label={m.form.nameEn} rules={[req]}>
              <Input maxLength={100} data-testid="promotion-name-en" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="kind" label={m.form.kind} extra={kind ? m.kindHelp[kind] : undefined}>
              <Radio.Group optionType="button" buttonStyle="solid" options={promotionKindList.map((k) => ({ value: k, label: m.kinds[k] }))} data-testid="promotion-kind" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="payer" label={m.form.payer}>
              <Select options={subsidyPayerList.map((p) => ({ value: p, label: m.payers[p] }))} />
            </Form.Item>
          </Col>
          {kind === 'reduced-rate' ? (
            <Col span={8}>
              <Form.Item name="rateReductionPercent" label={m.form.rateReduction} rules={[req, { pattern: PERCENT, message: m.form.invalidPercent }]}>
                <Input suffix="%" />
              </Form.Item>
            </Col>
          ) : null}
          {kind === 'waived-fees' ? (
            <Col span={16}>
              <Form.Item name="waivedFeeCodes" label={m.form.waivedFees}>
                {tags()}
              </Form.Item>
            </Col>
          ) : null}
          {kind === 'free-months' ? (
            <Col span={8}>
              <Form.Item name="freeMonths" label={m.form.freeMonths} rules={[req]}>
                <InputNumber min={1} max={24} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>

        <div className="form-section">{m.form.target}</div>
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="productCodes" label={m.form.products}>
              <Select
                mode="multiple"
                allowClear
                data-testid="promotion-products"
                loading={products.status === 'loading'}
                optionFilterProp="label"
                options={(products.data?.items ?? []).map((p) => ({ value: p.code, label: `${bi(p.name, locale)} (${p.code})` }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="vehicleCategories" label={m.form.categories}>
              <Checkbox.Group options={vehicleCategoryList.map((c) => ({ value: c, label: q.categories[c] }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="terms" label={m.form.terms}>
              <Select mode="multiple" allowClear options={TERMS.map((n) => ({ value: n, label: String(n) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="makes" label={m.form.makes}>
              {tags()}
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="regions" label={m.form.regions}>
              {tags()}
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="segments" label={m.form.segments}>
              {tags()}
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="dealerIds" label={m.form.dealers}>
              {tags()}
            </Form.Item>
          </Col>
        </Row>

        <div className="form-section">{m.form.periodBudget}</div>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="period" label={m.form.period} rules={[req]}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="budget" label={m.form.budget} rules={[req, { pattern: MONEY_INPUT, message: m.form.invalidAmount }]}>
              <Input prefix="¥" data-testid="promotion-budget" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary">{m.actions.fourEyes}</Typography.Text>
      </Form>
    </Drawer>
  );
}
